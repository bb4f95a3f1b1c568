// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

// POSIX helpers for the quarantine vault. Everything works relative to
// directory descriptors opened without following the last symbolic link, so
// that a guest that swaps a name for a link between our steps cannot make the
// vault read, write or unlink a file outside the directory it meant.
namespace mamori::appliance::vaultio {

class Fd
{
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) { }
    ~Fd() { reset(); }
    Fd(Fd &&other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    Fd &operator=(Fd &&other) noexcept;
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

QString errnoText(int err);

// Splits an absolute path into its directory and its last component; refuses
// relative paths and names such as "." and "..".
bool splitPath(const QString &path, QString *dir, QString *name);

// Opens a directory for *at() calls; errno is kept for the caller.
Fd openDirectory(const QString &path);

bool writeAll(int fd, const char *data, qsizetype size);
// Reads up to `size` bytes, retrying on EINTR; -1 on error, 0 at the end.
qsizetype readSome(int fd, char *data, qsizetype size);
bool syncDirectory(int dirFd);

// Writes `data` to NAME.tmp in `dirFd`, fsyncs it, renames it to NAME and
// fsyncs the directory. `beforeRename` runs between the two (fault tests).
bool writeFileAtomically(int dirFd, const QString &name, const QByteArray &data,
    const std::function<void()> &beforeRename, QString *error);
bool readSmallFile(int dirFd, const QString &name, QByteArray *data);
bool unlinkIfExists(int dirFd, const QString &name);

// Blob format: a fixed header (so that no blob starts like an executable or a
// script) followed by the bytes XORed with a per-item 32-byte key repeated.
// This is obfuscation against accidental execution and re-detection, not
// secrecy: the key sits in the metadata beside the blob.
inline constexpr char kBlobHeader[] = "MAMORI-QUARANTINE-BLOB-1\n";
inline constexpr qsizetype kBlobHeaderSize = sizeof(kBlobHeader) - 1;
void xorWithKey(char *data, qsizetype size, qint64 offset, const QByteArray &key);

// Streams the regular file `name` in `dirFd` (not following a link) and
// returns its size and lowercase hex SHA-256; false if it is not there or not
// a regular file.
bool hashFile(int dirFd, const QString &name, qint64 *size, QString *sha256);

} // namespace mamori::appliance::vaultio
