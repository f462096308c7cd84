#include "alertsettings.h"

#include <QSettings>

namespace prescient::ui {

namespace {

constexpr const char* kMinHitRate = "alerts/minHitRate";
constexpr const char* kHitRateSeconds = "alerts/hitRateSeconds";
constexpr const char* kMinPrecision = "alerts/minPrecision";
constexpr const char* kStallSeconds = "alerts/stallSeconds";
constexpr const char* kTray = "alerts/trayNotifications";

// The stored number when it is one within [lo, hi], else fallback.
double readNumber(const QSettings& s, const char* key, double lo, double hi, double fallback) {
    bool ok = false;
    const double v = s.value(key).toDouble(&ok);
    return ok && v >= lo && v <= hi ? v : fallback;
}

}  // namespace

AlertSettings AlertSettings::load() {
    const QSettings s;
    const monitor::AlertRules defaults;
    AlertSettings out;
    out.rules.minHitRate = readNumber(s, kMinHitRate, 0, 1, defaults.minHitRate);
    out.rules.hitRateSeconds = readNumber(s, kHitRateSeconds, 0, kMaxHitRateSeconds, defaults.hitRateSeconds);
    out.rules.minPrecision = readNumber(s, kMinPrecision, 0, 1, defaults.minPrecision);
    out.rules.stallSeconds = readNumber(s, kStallSeconds, kMinStallSeconds, kMaxStallSeconds, defaults.stallSeconds);
    out.trayNotifications = s.value(kTray, true).toBool();
    return out;
}

void AlertSettings::save() const {
    QSettings s;
    s.setValue(kMinHitRate, rules.minHitRate);
    s.setValue(kHitRateSeconds, rules.hitRateSeconds);
    s.setValue(kMinPrecision, rules.minPrecision);
    s.setValue(kStallSeconds, rules.stallSeconds);
    s.setValue(kTray, trayNotifications);
}

}  // namespace prescient::ui
