// PreferencesDialog (Edit ▸ Preferences…): the alert thresholds restores use (minimum hit rate and for how
// long, minimum prediction precision, stall time) and whether a new alert is announced while the window is
// in the background. Opens with AlertSettings::load(); OK saves through AlertSettings::save() (Cancel keeps
// what was stored); "Restore Defaults" puts the core defaults into the fields. The thresholds apply to the
// restores started afterwards.
//
// Thread safety: GUI thread only.
#pragma once

#include <QDialog>

#include "alertsettings.h"

class QCheckBox;
class QDoubleSpinBox;

namespace prescient::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    // What the fields now say.
    AlertSettings settings() const;
    void setSettings(const AlertSettings& s);

    void accept() override;  // saves, then closes

    // For tests.
    QDoubleSpinBox* minHitRateSpin() const { return m_minHitRate; }  // percent
    QDoubleSpinBox* hitRateSecondsSpin() const { return m_hitRateSeconds; }
    QDoubleSpinBox* minPrecisionSpin() const { return m_minPrecision; }  // percent
    QDoubleSpinBox* stallSecondsSpin() const { return m_stallSeconds; }
    QCheckBox* notificationsCheck() const { return m_notifications; }

private:
    QDoubleSpinBox* m_minHitRate;
    QDoubleSpinBox* m_hitRateSeconds;
    QDoubleSpinBox* m_minPrecision;
    QDoubleSpinBox* m_stallSeconds;
    QCheckBox* m_notifications;
};

}  // namespace prescient::ui
