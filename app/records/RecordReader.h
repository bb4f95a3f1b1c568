// SPDX-License-Identifier: GPL-2.0-or-later
// How the record parsers read JSON: protocol::JsonReader (strict types, the
// first problem kept) with what the API's answers need on top. Internal to
// app/records.
#pragma once

#include "Parsed.h"
#include "protocol/JsonReader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QUuid>

#include <optional>
#include <utility>

namespace mamori::console {

class RecordReader : public protocol::JsonReader
{
public:
    explicit RecordReader(QJsonObject object, const QString &context = {});

    // A string that may be absent or null (then `fallback`).
    QString text(const QString &key, const QString &fallback = {});
    // An integer that may be absent or null (then `fallback`).
    qint64 count(const QString &key, qint64 fallback = 0, qint64 min = 0,
        qint64 max = std::numeric_limits<qint32>::max());
    bool flag(const QString &key, bool fallback = false);
    // An ISO 8601 time; absent, null or "" is an invalid QDateTime ("never").
    QDateTime time(const QString &key);
    // Required, and a UUID.
    QUuid uuid(const QString &key);
    // A string from a fixed set of words; a word from a newer appliance is
    // `unknown` rather than an error, so that one new state does not make
    // a whole list unreadable.
    template<typename E, typename Table> E word(const QString &key, const Table &table, E unknown);
    // A nested object (required, or with `optional` an empty one when
    // absent); its problems are reported as "key: ...".
    RecordReader child(const QString &key, bool optional = false);
    // Takes over a nested reader's first problem.
    bool adopt(const RecordReader &child);

    QString context() const { return m_context; }

private:
    QString m_context;
};

// Fixed sets of words of the API (a std::array of {"word", value} pairs)
// and what they stand for.
template<typename Table, typename E> QString wordFor(const Table &table, E value)
{
    for (const auto &[word, v] : table) {
        if (v == value)
            return QLatin1String(word);
    }
    return {};
}

template<typename E, typename Table>
std::optional<E> valueFor(const Table &table, const QString &word)
{
    for (const auto &[w, value] : table) {
        if (word == QLatin1String(w))
            return value;
    }
    return std::nullopt;
}

template<typename E, typename Table>
E RecordReader::word(const QString &key, const Table &table, E unknown)
{
    return valueFor<E>(table, text(key)).value_or(unknown);
}

// The answer's JSON object, or why the bytes are not one.
Parsed<QJsonObject> parseAnswer(const QByteArray &json);

// Every element of answer[key] read with `parse`; the first bad one fails
// the whole list ("vms[3]: field 'id' is missing").
template<typename T, typename Parse>
Parsed<QList<T>> parseArray(const QJsonObject &answer, const QString &key, Parse parse)
{
    const QJsonValue value = answer.value(key);
    if (!value.isArray())
        return Parsed<QList<T>>::failure(value.isUndefined()
                ? QStringLiteral("field '%1' is missing").arg(key)
                : QStringLiteral("field '%1': expected an array").arg(key));
    const QJsonArray array = value.toArray();
    QList<T> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (!item.isObject())
            return Parsed<QList<T>>::failure(
                QStringLiteral("%1[%2]: expected an object").arg(key).arg(i));
        Parsed<T> parsed = parse(item.toObject());
        if (!parsed)
            return Parsed<QList<T>>::failure(
                QStringLiteral("%1[%2]: %3").arg(key).arg(i).arg(parsed.error()));
        out.append(std::move(*parsed));
    }
    return out;
}

// `parse` over the bytes of an answer.
template<typename T, typename Parse> Parsed<T> parseBytes(const QByteArray &json, Parse parse)
{
    const Parsed<QJsonObject> object = parseAnswer(json);
    if (!object)
        return Parsed<T>::failure(object.error());
    return parse(*object);
}

// The reader's result: `value` when it read everything, else its problem.
template<typename T> Parsed<T> finish(const RecordReader &reader, T value)
{
    if (!reader.ok())
        return Parsed<T>::failure(reader.error());
    return value;
}

} // namespace mamori::console
