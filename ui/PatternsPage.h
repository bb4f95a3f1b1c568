// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Confirm.h"

#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace mamori::console {
class Fleet;
struct PatternStatus;
} // namespace mamori::console

namespace mamori::ui {

// The pattern file of every appliance (console::PatternModel): active
// version, the newest one at its update source and since when, outdated ones
// standing out; updates staggered over the fleet (N appliances at a time)
// and rollback.
class PatternsPage : public QWidget
{
    Q_OBJECT

public:
    explicit PatternsPage(console::Fleet *fleet, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QProgressBar *progress() const { return m_progress; }
    QSpinBox *atOnce() const { return m_atOnce; }
    // Selects exactly these appliances' rows.
    void selectHosts(const QList<int> &hostIds);
    // Updates these appliances, at most atOnce()->value() at a time.
    void updateAppliances(const QList<int> &hostIds);
    void updateSelected();
    void updateAll();
    void rollbackSelected();
    // Asks the selected appliances' (or, with none selected, every
    // appliance's) update source for its newest version; installs nothing.
    void checkNow();
    // Lets the selected appliance install the version it holds back since a rollback.
    void allowAgainSelected();
    bool updating() const { return !m_queue.isEmpty() || m_running > 0; }
    // The last result shown for the appliance.
    QString resultFor(int hostId) const;

    ConfirmFunction confirm;

Q_SIGNALS:
    // One appliance's update is sent, and its answer came (the staggering
    // shows in their order).
    void updateStarted(int hostId);
    void updateEnded(int hostId, bool ok);
    void updatesFinished();
    void rolledBack(int hostId, bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateActions();
    void startNext();
    QList<int> selectedHosts() const;
    void setResult(int hostId, const QString &text);
    // What an update's or a check's answer means, in words.
    static QString outcomeText(const console::PatternStatus &status);

    console::Fleet *m_fleet;
    QTreeView *m_view;
    QPushButton *m_updateSelected;
    QPushButton *m_updateAll;
    QPushButton *m_rollback;
    QPushButton *m_checkNow;
    QPushButton *m_allowAgain;
    QPushButton *m_policy;
    QSpinBox *m_atOnce;
    QLabel *m_atOnceLabel;
    QProgressBar *m_progress;
    QList<int> m_queue;
    int m_running = 0;
};

} // namespace mamori::ui
