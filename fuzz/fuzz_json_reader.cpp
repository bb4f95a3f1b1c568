// SPDX-License-Identifier: GPL-2.0-or-later
// protocol::JsonReader, which reads every JSON body the appliance accepts:
// the input is a request body. Every member is read with every getter and
// every range; a getter either returns a value that fits what it promises or
// fails the reader with a message.

#include "FuzzCheck.h"
#include "protocol/JsonReader.h"

#include <limits>

using mamori::fuzz::check;
using mamori::protocol::JsonReader;

namespace {

struct Range
{
    qint64 min, max;
};

constexpr Range kRanges[] = {
    {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()},
    {0, std::numeric_limits<qint64>::max()},
    {1, (1ll << 53) - 1},
    {-5, 5},
};

// A getter that did not fail must leave the reader ok, and one that failed
// must say why.
void checkState(const JsonReader &r)
{
    check(r.ok() == r.error().isEmpty(), "ok() exactly when there is no error");
}

void readMember(const QJsonObject &object, const QString &key, int depth);

void readObject(const QJsonObject &object, int depth)
{
    if (depth > 8)
        return;
    for (auto it = object.begin(); it != object.end(); ++it)
        readMember(object, it.key(), depth);
    // A key that is not there: required getters fail, optional ones do not.
    const QString missing = QStringLiteral("mamori-fuzz-absent");
    if (object.contains(missing))
        return;
    JsonReader absent(object);
    check(!absent.optionalString(missing) && absent.ok(), "an absent optional string is nullopt");
    check(!absent.optionalInteger(missing, 0, 1) && absent.ok(),
        "an absent optional integer is nullopt");
    absent.string(missing);
    check(!absent.ok() && !absent.error().isEmpty(), "an absent required field fails");
}

void readMember(const QJsonObject &object, const QString &key, int depth)
{
    const QJsonValue value = object.value(key);
    {
        JsonReader r(object);
        const QString s = r.string(key);
        checkState(r);
        check(r.ok() == value.isString(), "string() accepts strings only");
        check(!r.ok() || s == value.toString(), "string() returns the string");
    }
    {
        JsonReader r(object);
        const auto s = r.optionalString(key);
        checkState(r);
        check(!value.isNull() || (!s && r.ok()), "optionalString() takes null as absent");
    }
    for (const Range &range : kRanges) {
        JsonReader r(object);
        const qint64 n = r.integer(key, range.min, range.max);
        checkState(r);
        check(n >= range.min && n <= range.max, "integer() stays in its range",
            QStringLiteral("%1 not in [%2, %3]").arg(n).arg(range.min).arg(range.max));
        check(!r.ok() || (value.isDouble() && double(n) == value.toDouble()),
            "integer() returns the number it read");
        JsonReader o(object);
        const auto optional = o.optionalInteger(key, range.min, range.max);
        checkState(o);
        check(!optional || (*optional >= range.min && *optional <= range.max),
            "optionalInteger() stays in its range");
    }
    {
        JsonReader r(object);
        const bool b = r.boolean(key);
        checkState(r);
        check(r.ok() == value.isBool() && (!r.ok() || b == value.toBool()),
            "boolean() accepts true and false only");
    }
    {
        JsonReader r(object);
        const QStringList list = r.stringList(key);
        checkState(r);
        check(!r.ok() || (value.isArray() && list.size() == value.toArray().size()),
            "stringList() returns every item");
    }
    {
        JsonReader r(object);
        const QJsonObject inner = r.object(key);
        checkState(r);
        if (r.ok())
            readObject(inner, depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    JsonReader reader = JsonReader::parse(mamori::fuzz::bytesOf(data, size));
    checkState(reader);
    if (reader.ok())
        readObject(reader.object(), 0);
    else
        check(reader.object().isEmpty(), "a body that does not parse gives no members");
    return 0;
}
