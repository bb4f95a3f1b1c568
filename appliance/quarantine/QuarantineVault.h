// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "appliance/fs/VmRoot.h"
#include "protocol/ConflictReason.h"
#include "protocol/ErrorCode.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace mamori::appliance {

// One file held in the vault, with what is needed to give it back exactly.
struct QuarantineItem
{
    QString id; // "q-" + 32 hex digits
    fs::VmFile original; // the VM root and the path inside it the file was taken from
    uint owner = 0;
    uint group = 0;
    uint mode = 0; // permission bits as found, incl. setuid/setgid/sticky (never restored)
    qint64 mtimeSec = 0;
    qint64 mtimeNsec = 0;
    qint64 size = 0;
    QString sha256; // lowercase hex of the original bytes
    QDateTime quarantined; // UTC

    // For the API: everything but the obfuscation key.
    QJsonObject toJson() const;
};

struct QuarantineError
{
    protocol::ErrorCode code = protocol::ErrorCode::Internal;
    QString message;
    // For a conflict: which state refused it (sent as the error's "reason").
    std::optional<protocol::ConflictReason> reason = std::nullopt;
};

// The quarantine vault at DATA/quarantine (mode 0700): each item is ID.blob
// (obfuscated bytes, mode 0600) and ID.json (metadata, written atomically).
// An ID.intent record is made durable before any step of a quarantine or a
// restore, so that recover() can finish or undo it after a crash at any
// point: a file is never gone from both the VM and the vault.
//
// Files in a VM are reached through fs::VmRoot only: no symbolic link is
// followed in any component of their path, so a guest that swaps a folder
// for a link cannot make the vault take or write a file outside its root.
// A path that runs through a link, or whose folder is gone, is refused with
// unsafe_path (the file stays where it is). A restored file never gets its
// setuid, setgid or sticky bit back.
//
// Not thread-safe: the daemon's main thread owns it.
class QuarantineVault
{
public:
    explicit QuarantineVault(const QString &dataDir);
    ~QuarantineVault();
    QuarantineVault(const QuarantineVault &) = delete;
    QuarantineVault &operator=(const QuarantineVault &) = delete;

    // Creates DATA/quarantine if needed and tightens it to 0700. Call
    // recover() next, before any other call.
    bool open(QString *error);
    QString path() const { return m_path; }

    // Reconciles whatever a crash interrupted. `log`, if given, receives one
    // line per repair.
    bool recover(QString *error, QStringList *log = nullptr);

    // Moves the regular file `file` (not a symbolic link) into the vault.
    // With `expectedSha256`, refuses (conflict) unless the bytes copied have
    // that hash, so a file changed since its detection stays in place.
    // `id`, if given, names the item (a file given back whose record then
    // failed goes back under the name its incident still holds); it must be
    // free.
    bool quarantine(const fs::VmFile &file, QuarantineItem *item, QuarantineError *error,
        const QString &expectedSha256 = {}, const QString &id = {});

    // Writes the exact bytes back to `targetPath` in the same VM (empty: the
    // original path) with the original owner, permissions (without setuid,
    // setgid and sticky) and mtime, then removes the item. Refuses an
    // existing target (conflict) unless `overwrite`.
    bool restore(
        const QString &id, const QByteArray &targetPath, bool overwrite, QuarantineError *error);

    // Removes the item for good.
    bool destroy(const QString &id, QuarantineError *error);

    QList<QuarantineItem> list() const;
    std::optional<QuarantineItem> item(const QString &id) const;

    // Test hook: called with a stable name at each step of quarantine() and
    // restore(); the crash tests kill the process there. Points, in order:
    // quarantine.intent, quarantine.copying, quarantine.blob,
    // quarantine.metadata-temp, quarantine.metadata, quarantine.unlinked;
    // restore.intent, restore.copying, restore.temp, restore.renamed,
    // restore.removed.
    using FaultHook = std::function<void(const char *point)>;
    void setFaultHook(FaultHook hook) { m_faultHook = std::move(hook); }

private:
    struct Loaded
    {
        QuarantineItem item;
        QByteArray key;
    };
    std::optional<Loaded> load(const QString &id) const;
    void fault(const char *point) const;
    bool removeEntry(const QString &id);
    bool abortQuarantine(const QString &id, QuarantineError *error, protocol::ErrorCode code,
        const QString &message);
    bool finishRestoreIntent(const QString &id, const QByteArray &intent, QStringList *log);
    bool finishQuarantineIntent(const QString &id, const QByteArray &intent, QStringList *log);
    bool removeOriginalIfIdentical(const QuarantineItem &item, QStringList *log);

    QString m_dataDir;
    QString m_path;
    int m_dirFd = -1;
    FaultHook m_faultHook;
};

} // namespace mamori::appliance
