// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

class QSocketNotifier;

namespace mamori::appliance {

// Watches every folder under each VM root with inotify and reports files
// that were closed after writing (or moved in), so that they are scanned
// within a second. An overflowed event queue is reported too: the caller
// then queues a quick scan of the VM, so that a burst never leaves a gap.
//
// The guest names and shapes the tree: folders are found and opened from
// the VM root's descriptor without following a symbolic link (fs::VmRoot),
// each watch is placed on the folder actually opened (/proc/self/fd), and
// names are bytes. A folder that cannot be watched (it vanished, it is
// nested deeper than the scan walk goes, ...) is skipped and reported once
// per watch(); the folders after it are still watched.
class RealtimeWatcher : public QObject
{
    Q_OBJECT

public:
    explicit RealtimeWatcher(QObject *parent = nullptr);
    ~RealtimeWatcher() override;

    bool isValid() const { return m_fd >= 0; }
    // Starts (or restarts) watching `root` for VM `vmId`.
    bool watch(const QString &vmId, const QString &root, QString *error);
    void unwatch(const QString &vmId);
    bool isWatching(const QString &vmId) const { return m_roots.contains(vmId); }
    QStringList watchedVms() const { return m_roots.keys(); }
    int watchCount() const { return int(m_dirs.size()); }

Q_SIGNALS:
    // `vmPath`: the file's path inside the VM, as bytes; emitted once per
    // burst of writes.
    void fileChanged(const QString &vmId, const QByteArray &vmPath);
    void overflowed(const QString &vmId);
    // Some folders of the VM are not watched; files written there are
    // found by scans only. At most once per watch() of the VM.
    void watchFailed(const QString &vmId, const QString &error);

private:
    struct Dir
    {
        QString vmId;
        QByteArray vmPath;
    };
    struct Root
    {
        QString hostRoot;
        bool failureReported = false;
    };
    // Watches the folder `vmPath` and every folder below it; with
    // `newFiles`, the regular files found there are reported as changed
    // (they landed before the watch existed).
    void addTree(const QString &vmId, const QByteArray &vmPath, bool newFiles);
    // False when inotify is out of watches (nothing more can be added).
    bool addWatch(int dirFd, const QString &vmId, const QByteArray &vmPath, int *err);
    void readEvents();
    void flushPending();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHash<QString, Root> m_roots; // vm → its root
    QHash<int, Dir> m_dirs; // watch descriptor → folder
    QHash<QString, QSet<QByteArray>> m_pending; // vm → paths, flushed shortly after a write
    QTimer m_flush;
};

} // namespace mamori::appliance
