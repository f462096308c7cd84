// Formatting shared by the views: dates, times, durations and sizes in the user's locale (QLocale's
// default, which `--lang` sets), so a German window says "21.11.26 14:03" and "1,5 MB" and an English one
// "11/21/26 2:03 PM" and "1.5 MB". Every view and the report (ui/report/) format through these, never
// through fixed patterns. Built into prescient_report, the lowest Qt layer, which prescient_ui links.
// Thread safety: reentrant (reads QLocale's default).
#pragma once

#include <QDateTime>
#include <QString>

namespace prescient::ui {

// The locale's short time of day, with or without seconds.
QString timeText(const QTime& t, bool seconds);
// The locale's short date and time, with or without seconds.
QString dateTimeText(const QDateTime& t, bool seconds = false);
// Same for a wall-clock time in microseconds since the epoch (local time zone).
QString dateTimeTextUs(qint64 timeUs, bool seconds = false);
// A date-time pattern applied with the locale's month and day names (QDateTime::toString would use English).
QString localizedPattern(const QDateTime& t, const QString& pattern);
// A size in bytes: "1.5 MB" (SI units, one decimal).
QString sizeText(quint64 bytes);
// A duration: "4.25 s", "42.5 s", "3 min 05 s", "2 h 07 min".
QString durationText(double seconds);

}  // namespace prescient::ui
