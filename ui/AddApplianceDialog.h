// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "app/client/CertificateInfo.h"

#include <QDialog>

#include <memory>

namespace Ui {
class AddApplianceDialog;
}

namespace mamori::console {
class Fleet;
}

namespace mamori::ui {

// Adding an appliance: address and account, then the certificate's
// fingerprint to compare with the one the appliance printed, then sign-in.
// Nothing is trusted until the admin says the fingerprints match.
class AddApplianceDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AddApplianceDialog(console::Fleet *fleet, QWidget *parent = nullptr);
    ~AddApplianceDialog() override;

    // For tests: the page shown now (0 address, 1 fingerprint, 2 result).
    int page() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void connectClicked();
    void trustClicked();
    void showError(const QString &message);
    void updateButtons();

    std::unique_ptr<Ui::AddApplianceDialog> m_ui;
    console::Fleet *m_fleet;
    QString m_url;
    console::CertificateInfo m_certificate;
    bool m_busy = false;
};

} // namespace mamori::ui
