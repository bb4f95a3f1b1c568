// SPDX-License-Identifier: GPL-2.0-or-later
#include "AddApplianceDialog.h"

#include "app/fleet/Fleet.h"
#include "app/models/StatusText.h"
#include "ui_AddApplianceDialog.h"

#include <QEvent>
#include <QPointer>
#include <QPushButton>

namespace mamori::ui {

using console::ApiError;
using console::CertificateInfo;

AddApplianceDialog::AddApplianceDialog(console::Fleet *fleet, QWidget *parent)
    : QDialog(parent), m_ui(new Ui::AddApplianceDialog), m_fleet(fleet)
{
    m_ui->setupUi(this);
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    QFont mono = m_ui->fingerprintLabel->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(mono.pointSizeF() * 1.1);
    m_ui->fingerprintLabel->setFont(mono);
    // What the appliance and the network said is text, never markup (a
    // certificate's subject is whatever its maker wrote).
    for (QLabel *label :
        {m_ui->fingerprintLabel, m_ui->certificateLabel, m_ui->resultLabel, m_ui->errorLabel})
        label->setTextFormat(Qt::PlainText);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_ui->addressEdit, m_ui->userEdit, m_ui->passwordEdit})
        connect(edit, &QLineEdit::textChanged, this, &AddApplianceDialog::updateButtons);
    updateButtons();
}

AddApplianceDialog::~AddApplianceDialog() = default;

int AddApplianceDialog::page() const
{
    return m_ui->pages->currentIndex();
}

void AddApplianceDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        updateButtons();
    }
    QDialog::changeEvent(event);
}

void AddApplianceDialog::updateButtons()
{
    m_ui->buttons->clear();
    m_ui->progress->setVisible(m_busy);
    switch (page()) {
    case 0: {
        auto *next = m_ui->buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
        next->setDefault(true);
        next->setEnabled(!m_busy && !m_ui->addressEdit->text().trimmed().isEmpty()
            && !m_ui->userEdit->text().trimmed().isEmpty()
            && !m_ui->passwordEdit->text().isEmpty());
        connect(next, &QPushButton::clicked, this, &AddApplianceDialog::connectClicked);
        m_ui->buttons->addButton(QDialogButtonBox::Cancel);
        break;
    }
    case 1: {
        auto *trust = m_ui->buttons->addButton(
            tr("The fingerprints &match: trust"), QDialogButtonBox::AcceptRole);
        trust->setEnabled(!m_busy);
        connect(trust, &QPushButton::clicked, this, &AddApplianceDialog::trustClicked);
        auto *cancel =
            m_ui->buttons->addButton(tr("They &differ: cancel"), QDialogButtonBox::RejectRole);
        cancel->setDefault(true); // the safe choice is the default
        break;
    }
    default: {
        auto *close = m_ui->buttons->addButton(QDialogButtonBox::Close);
        connect(close, &QPushButton::clicked, this, &QDialog::accept);
        break;
    }
    }
    connect(
        m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject, Qt::UniqueConnection);
}

void AddApplianceDialog::showError(const QString &message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(!message.isEmpty());
}

void AddApplianceDialog::connectClicked()
{
    QString error;
    m_url = console::Fleet::normalizeUrl(m_ui->addressEdit->text(), &error);
    if (m_url.isEmpty()) {
        showError(error);
        return;
    }
    showError({});
    m_busy = true;
    updateButtons();
    QPointer<AddApplianceDialog> self(this);
    m_fleet->probe(m_url, [this, self](CertificateInfo info, ApiError e) {
        if (!self)
            return;
        m_busy = false;
        if (!e.ok() || info.isNull()) {
            showError(e.ok() ? tr("The appliance presented no certificate.") : e.userMessage());
            updateButtons();
            return;
        }
        m_certificate = info;
        m_ui->fingerprintLabel->setText(tr("SHA-256: %1").arg(info.fingerprint));
        m_ui->certificateLabel->setText(
            tr("Subject: %1\nValid from %2 to %3")
                .arg(info.subject, console::StatusText::time(info.notBefore),
                    console::StatusText::time(info.notAfter)));
        m_ui->pages->setCurrentIndex(1);
        updateButtons();
    });
}

void AddApplianceDialog::trustClicked()
{
    m_busy = true;
    updateButtons();
    QPointer<AddApplianceDialog> self(this);
    m_fleet->addAppliance(m_url, m_ui->nameEdit->text().trimmed(), m_ui->userEdit->text().trimmed(),
        m_ui->passwordEdit->text(), m_ui->rememberCheck->isChecked(), m_certificate,
        [this, self](const ApiError &e) {
            if (!self)
                return;
            m_busy = false;
            m_ui->passwordEdit->clear();
            m_ui->resultLabel->setText(e.ok()
                    ? tr("Signed in. The appliance is pinned to this "
                         "certificate; if it ever presents another one, "
                         "the console will stop and warn you.")
                    : tr("The appliance was added, but signing in failed: "
                         "%1")
                          .arg(e.userMessage()));
            m_ui->pages->setCurrentIndex(2);
            updateButtons();
        });
}

} // namespace mamori::ui
