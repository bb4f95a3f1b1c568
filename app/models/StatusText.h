// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/records/Incident.h"
#include "app/records/ScanJob.h"
#include "app/records/Vm.h"
#include "protocol/ProtectionStatus.h"
#include "protocol/Role.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace mamori::console {

// The words the console shows for the appliance's states, in the current
// language: one place for each, used by the models, the pages and the
// reports alike.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(mamori::console::StatusText)

public:
    static QString protection(protocol::ProtectionStatus status);
    static QString power(Power power);
    // Why a VM has its status ("scan_overdue"); a word of a newer appliance
    // is shown as it is rather than hidden, "ok" as nothing.
    static QString reason(const QString &reason);
    static QString severity(Severity severity);
    static QString incidentState(IncidentState state);
    static QString fileAction(FileAction action);
    static QString jobState(JobState state);
    static QString scanKind(ScanKind kind);
    static QString realtimeMode(RealtimeMode mode);
    static QString vmKind(VmKind kind);
    // An incident's source: real-time scanning, or the scan job that found it.
    static QString detectionSource(const QString &source);
    // The role as the glossary says it ("security administrator").
    static QString role(std::optional<protocol::Role> role);
    // Why the role may not do this: "Your role on this appliance
    // (virtualization administrator) may not start scans." `deed` is the
    // translated verb phrase; no role: no appliance is selected.
    static QString roleRefusal(std::optional<protocol::Role> role, const QString &deed);
    // A date and time in the local zone, the one form the console and its
    // reports use: unambiguous in English ("2026-12-05 05:47"), as a
    // Japanese admin writes it in Japanese ("2026/12/05 5:47"); with
    // `seconds`, ":ss" follows. "" for an invalid time.
    static QString time(const QDateTime &time, bool seconds = false);
    // The date and the time of day of that form, each alone
    // ("2026-12-05" / "2026/12/05"; "05:47" / "5:47").
    static QString date(const QDate &date);
    static QString timeOfDay(const QTime &time);
    // The date part of that form, as a QDate/QDateTimeEdit display format:
    // "yyyy-MM-dd" in English, "yyyy/MM/dd" in Japanese.
    static QString dateFormat();
    // How long ago `time` was: "just now", "5 minutes ago".
    static QString age(const QDateTime &time);
    // "as of 14:02 (5 minutes ago)": figures last read at `time`.
    static QString asOf(const QDateTime &time);
    // An incident named so that two appliances' "inc-000001" differ:
    // "kvm-host-a/inc-000001".
    static QString incidentRef(const QString &hostName, const QString &incidentId);
    static QString bytes(qint64 bytes);
    // A tooltip that shows `plain` as it is: a tooltip takes whatever looks
    // like markup for markup, and file, threat and VM names are the
    // guest's (or anybody's) to choose.
    static QString toolTip(const QString &plain);
    // The body of a desktop notification (the tray's messages) that shows
    // `plain` as it is: notification servers take a subset of HTML there
    // (freedesktop.org Desktop Notifications, body-markup), links and
    // images included.
    static QString notificationBody(const QString &plain);
};

} // namespace mamori::console
