// SPDX-License-Identifier: GPL-2.0-or-later
#include "protocol/JsonReader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace mamori::protocol {

JsonReader JsonReader::parse(const QByteArray &body)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    JsonReader reader {QJsonObject {}};
    if (parseError.error != QJsonParseError::NoError) {
        reader.fail(QStringLiteral("malformed JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    } else if (!doc.isObject()) {
        reader.fail(QStringLiteral("expected a JSON object"));
    } else {
        reader.m_object = doc.object();
    }
    return reader;
}

JsonReader::JsonReader(QJsonObject object) : m_object(std::move(object)) { }

void JsonReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = m_context.isEmpty() ? message : m_context + QStringLiteral(": ") + message;
}

bool JsonReader::present(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    return !v.isUndefined() && !v.isNull();
}

QJsonValue JsonReader::require(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        fail(QStringLiteral("field '%1' is missing").arg(key));
    return v;
}

QString JsonReader::string(const QString &key)
{
    const QJsonValue v = require(key);
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        fail(QStringLiteral("field '%1': expected a string").arg(key));
        return {};
    }
    return v.toString();
}

std::optional<QString> JsonReader::optionalString(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    return string(key);
}

std::optional<qint64> wholeNumber(double d)
{
    // Compared as doubles against 2^63 exactly: double(qint64's maximum)
    // rounds up to 2^63, which no qint64 holds.
    constexpr double kTwoTo63 = 9223372036854775808.0;
    if (std::isnan(d) || d != std::floor(d) || d < -kTwoTo63 || d >= kTwoTo63)
        return std::nullopt;
    return qint64(d);
}

qint64 JsonReader::integer(const QString &key, qint64 min, qint64 max)
{
    const QJsonValue v = require(key);
    if (v.isUndefined())
        return min;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || std::isnan(d) || d != std::floor(d)) {
        fail(QStringLiteral("field '%1': expected an integer").arg(key));
        return min;
    }
    const std::optional<qint64> n = wholeNumber(d);
    if (!n || *n < min || *n > max) {
        fail(QStringLiteral("field '%1': must be between %2 and %3").arg(key).arg(min).arg(max));
        return min;
    }
    return *n;
}

std::optional<qint64> JsonReader::optionalInteger(const QString &key, qint64 min, qint64 max)
{
    if (!present(key))
        return std::nullopt;
    return integer(key, min, max);
}

std::optional<double> JsonReader::optionalNumber(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isDouble()) {
        fail(QStringLiteral("field '%1': expected a number").arg(key));
        return std::nullopt;
    }
    return v.toDouble();
}

bool JsonReader::boolean(const QString &key)
{
    const QJsonValue v = require(key);
    if (!v.isUndefined() && !v.isBool())
        fail(QStringLiteral("field '%1': expected true or false").arg(key));
    return v.toBool();
}

std::optional<bool> JsonReader::optionalBoolean(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    return boolean(key);
}

std::optional<QStringList> JsonReader::optionalStringList(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    return stringList(key);
}

std::optional<QJsonObject> JsonReader::optionalObject(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    return object(key);
}

QStringList JsonReader::stringList(const QString &key)
{
    const QJsonValue v = require(key);
    if (v.isUndefined())
        return {};
    if (!v.isArray()) {
        fail(QStringLiteral("field '%1': expected an array of strings").arg(key));
        return {};
    }
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString()) {
            fail(QStringLiteral("field '%1': expected an array of strings").arg(key));
            return {};
        }
        out.append(item.toString());
    }
    return out;
}

QJsonObject JsonReader::object(const QString &key)
{
    const QJsonValue v = require(key);
    if (!v.isUndefined() && !v.isObject())
        fail(QStringLiteral("field '%1': expected an object").arg(key));
    return v.toObject();
}

} // namespace mamori::protocol
