#include "preferencesdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace prescient::ui {

namespace {

QDoubleSpinBox* spin(double lo, double hi, int decimals, const QString& suffix) {
    auto* s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSuffix(suffix);
    s->setAccelerated(true);
    s->setAlignment(Qt::AlignRight);
    return s;
}

// A smaller, muted explanation under a field.
QLabel* note(const QString& text) {
    auto* l = new QLabel(text);
    l->setWordWrap(true);
    l->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);  // fills the form's field column
    l->setForegroundRole(QPalette::PlaceholderText);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    l->setFont(f);
    return l;
}

}  // namespace

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    const QString percent = tr(" %", "suffix of a percentage in a spin box");
    const QString seconds = tr(" s", "suffix of seconds in a spin box");
    m_minHitRate = spin(0, 100, 0, percent);
    m_minHitRate->setToolTip(tr("Share of page reads served without waiting for a fetch (tiers 1 and 2)"));
    m_hitRateSeconds = spin(0, AlertSettings::kMaxHitRateSeconds, 1, seconds);
    m_hitRateSeconds->setToolTip(tr("How long the hit rate must stay below the limit while the database is read"));
    m_minPrecision = spin(0, 100, 0, percent);
    m_minPrecision->setToolTip(tr("Share of the predicted pages that the application actually read"));
    m_stallSeconds = spin(AlertSettings::kMinStallSeconds, AlertSettings::kMaxStallSeconds, 0, seconds);
    m_stallSeconds->setToolTip(tr("How long a restore may go without restoring a page while pages remain"));

    auto* hitRow = new QHBoxLayout;
    hitRow->addWidget(m_minHitRate);
    auto* forLabel = new QLabel(tr("for at &least"));
    forLabel->setBuddy(m_hitRateSeconds);
    hitRow->addWidget(forLabel);
    hitRow->addWidget(m_hitRateSeconds);
    hitRow->addStretch(1);

    auto* rules = new QGroupBox(tr("Restore alerts"));
    auto* form = new QFormLayout(rules);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(
        note(tr("A restore raises an alert when it crosses one of these limits. Alerts are kept in the "
                "repository and listed under Alerts. New limits apply to the restores started "
                "afterwards.")));
    auto* hitLabel = new QLabel(tr("Minimum &hit rate:"));
    hitLabel->setBuddy(m_minHitRate);
    form->addRow(hitLabel, hitRow);
    form->addRow(QString(), note(tr("Reads that had to wait for a page from the repository lower the hit rate. "
                                    "Checked while the restored database is being read.")));
    form->addRow(tr("Minimum prediction &precision:"), m_minPrecision);
    form->addRow(QString(), note(tr("Checked when the restore ends, if the application read at least %1 pages.")
                                     .arg(QLocale().toString(qulonglong(monitor::kMinPrecisionReads)))));
    form->addRow(tr("Stalled &after:"), m_stallSeconds);
    form->addRow(QString(), note(tr("No page restored for this long while pages remain.")));
    form->addRow(note(tr("A failed verification at the end of a restore always raises a critical alert.")));

    m_notifications =
        new QCheckBox(tr("Show a &notification when a new alert fires while Prescient is in the "
                         "background"));
    auto* notify = new QGroupBox(tr("Notifications"));
    auto* notifyLayout = new QVBoxLayout(notify);
    notifyLayout->addWidget(m_notifications);
    notifyLayout->addWidget(
        note(tr("A message from the system tray, or the taskbar entry asking for attention "
                "where there is no tray.")));

    auto* buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        AlertSettings defaults;
        defaults.trayNotifications = m_notifications->isChecked();  // not a threshold: left as it is
        setSettings(defaults);
    });
    buttons->button(QDialogButtonBox::RestoreDefaults)->setToolTip(tr("Put the default thresholds into the fields"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(rules);
    layout->addWidget(notify);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(660);

    setSettings(AlertSettings::load());
}

AlertSettings PreferencesDialog::settings() const {
    AlertSettings s;
    s.rules.minHitRate = m_minHitRate->value() / 100.0;
    s.rules.hitRateSeconds = m_hitRateSeconds->value();
    s.rules.minPrecision = m_minPrecision->value() / 100.0;
    s.rules.stallSeconds = m_stallSeconds->value();
    s.trayNotifications = m_notifications->isChecked();
    return s;
}

void PreferencesDialog::setSettings(const AlertSettings& s) {
    m_minHitRate->setValue(s.rules.minHitRate * 100.0);
    m_hitRateSeconds->setValue(s.rules.hitRateSeconds);
    m_minPrecision->setValue(s.rules.minPrecision * 100.0);
    m_stallSeconds->setValue(s.rules.stallSeconds);
    m_notifications->setChecked(s.trayNotifications);
}

void PreferencesDialog::accept() {
    settings().save();
    QDialog::accept();
}

}  // namespace prescient::ui
