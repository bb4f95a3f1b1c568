// SPDX-License-Identifier: GPL-2.0-or-later
#include "RecordReader.h"

namespace mamori::console {

RecordReader::RecordReader(QJsonObject object, const QString &context)
    : JsonReader(std::move(object)), m_context(context)
{
    setContext(context);
}

QString RecordReader::text(const QString &key, const QString &fallback)
{
    return optionalString(key).value_or(fallback);
}

qint64 RecordReader::count(const QString &key, qint64 fallback, qint64 min, qint64 max)
{
    return optionalInteger(key, min, max).value_or(fallback);
}

bool RecordReader::flag(const QString &key, bool fallback)
{
    return optionalBoolean(key).value_or(fallback);
}

QDateTime RecordReader::time(const QString &key)
{
    const QString iso = text(key);
    if (iso.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid()) {
        fail(QStringLiteral("field '%1': not an ISO 8601 time").arg(key));
        return {};
    }
    return t;
}

QUuid RecordReader::uuid(const QString &key)
{
    const QString s = string(key);
    const QUuid id = QUuid::fromString(s);
    if (ok() && id.isNull())
        fail(QStringLiteral("field '%1': not a UUID").arg(key));
    return id;
}

RecordReader RecordReader::child(const QString &key, bool optional)
{
    const QString context = m_context.isEmpty() ? key : m_context + QLatin1Char('.') + key;
    if (optional) {
        const auto o = optionalObject(key);
        return RecordReader(o.value_or(QJsonObject()), context);
    }
    return RecordReader(object(key), context);
}

bool RecordReader::adopt(const RecordReader &child)
{
    if (!child.ok()) {
        // The child's message carries its context already.
        setContext({});
        fail(child.error());
        setContext(m_context);
    }
    return ok();
}

Parsed<QJsonObject> parseAnswer(const QByteArray &json)
{
    const protocol::JsonReader reader = protocol::JsonReader::parse(json);
    if (!reader.ok())
        return Parsed<QJsonObject>::failure(reader.error());
    return reader.object();
}

} // namespace mamori::console
