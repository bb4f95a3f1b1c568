// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

// What a harness asserts beyond "no crash": a broken property aborts, so
// that libFuzzer keeps the input and the replay test fails on it.

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

namespace mamori::fuzz {

[[noreturn]] inline void fail(const char *property, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz property broken: %s\n%s\n", property, qPrintable(detail));
    std::abort();
}

inline void check(bool holds, const char *property, const QString &detail = {})
{
    if (!holds)
        fail(property, detail);
}

// The fuzzer's bytes without a copy; valid during one LLVMFuzzerTestOneInput.
inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace mamori::fuzz
