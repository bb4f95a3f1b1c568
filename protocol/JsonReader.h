// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace mamori::protocol {

// The largest integer a JSON number (a double) holds exactly: a sequence
// number above it does not reach the console as it was sent.
constexpr qint64 kMaxJsonInteger = 9007199254740992LL; // 2^53

// `d` as a qint64 when it is a whole number that a qint64 holds; a cast of
// anything else (NaN, 1e300, 2^63) is undefined behaviour.
std::optional<qint64> wholeNumber(double d);

// Reads a JSON object strictly: every getter checks presence and type, and
// the first problem is kept so that the caller can answer with one clear
// error ("field 'user': expected a string") instead of guessing.
class JsonReader
{
public:
    // Parses `body` as a JSON object. A syntax error or a non-object top
    // level leaves the reader invalid with an explanation in error().
    static JsonReader parse(const QByteArray &body);
    explicit JsonReader(QJsonObject object);

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    const QJsonObject &object() const { return m_object; }
    bool has(const QString &key) const { return m_object.contains(key); }

    // The optional* getters take an absent or null field as "not there"; a
    // field of the wrong type fails the reader all the same.
    QString string(const QString &key);
    std::optional<QString> optionalString(const QString &key);
    qint64 integer(const QString &key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const QString &key, qint64 min, qint64 max);
    std::optional<double> optionalNumber(const QString &key);
    bool boolean(const QString &key);
    std::optional<bool> optionalBoolean(const QString &key);
    QStringList stringList(const QString &key);
    std::optional<QStringList> optionalStringList(const QString &key);
    QJsonObject object(const QString &key);
    std::optional<QJsonObject> optionalObject(const QString &key);

    // Fails the reader with a caller-side message (e.g. a value out of set).
    void fail(const QString &message);
    // Where the object sits in a larger answer ("protection"): problems read
    // "protection: field 'status': ...".
    void setContext(const QString &context) { m_context = context; }

private:
    QJsonValue require(const QString &key);
    bool present(const QString &key) const;

    QJsonObject m_object;
    QString m_error;
    QString m_context;
};

} // namespace mamori::protocol
