// AlertSettings: the alert thresholds every restore this GUI starts uses (monitor::AlertRules) and whether
// a desktop notification is shown when a new alert fires while the window is in the background. Kept in
// QSettings under "alerts/"; load() falls back to the core defaults (monitor::AlertRules{}) for a missing
// or out-of-range value, so a hand-edited settings file never yields a rule that cannot fire or fires always.
//
// Thread safety: QSettings is reentrant; load() and save() may run on any thread (the GUI thread in practice).
#pragma once

#include "monitor/alerts.h"

namespace prescient::ui {

struct AlertSettings {
    monitor::AlertRules rules;      // shares 0..1 and seconds, as the core takes them
    bool trayNotifications = true;  // notify in the background (tray message or taskbar attention)

    // Limits the preferences offer and load() accepts.
    static constexpr double kMaxHitRateSeconds = 3600;
    static constexpr double kMinStallSeconds = 1, kMaxStallSeconds = 86400;

    // The stored settings (QSettings() of the application's organization and name), defaults for what is
    // missing or invalid.
    static AlertSettings load();
    // Writes every field.
    void save() const;
};

}  // namespace prescient::ui
