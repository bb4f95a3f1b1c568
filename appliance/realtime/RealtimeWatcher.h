// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

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
    // `hostPath` is absolute on the host; emitted once per burst of writes.
    void fileChanged(const QString &vmId, const QString &hostPath);
    void overflowed(const QString &vmId);

private:
    struct Dir
    {
        QString vmId;
        QString path;
    };
    void addTree(const QString &vmId, const QString &dir);
    void readEvents();
    void flushPending();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHash<QString, QString> m_roots; // vm → root
    QHash<int, Dir> m_dirs;          // watch descriptor → folder
    QHash<QString, QString> m_pending; // host path → vm, flushed shortly after the last write
    QTimer m_flush;
};

} // namespace mamori::appliance
