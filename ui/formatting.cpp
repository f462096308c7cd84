#include "formatting.h"

#include <QCoreApplication>
#include <QLocale>

namespace prescient::ui {

QString timeText(const QTime& t, bool seconds) {
    const QLocale loc;
    QString format = loc.timeFormat(QLocale::ShortFormat);  // some locales' short format has seconds, most not
    if (seconds && !format.contains(QLatin1String("ss")))
        format.replace(QLatin1String("mm"), QLatin1String("mm:ss"));
    else if (!seconds)
        format.remove(QLatin1String(":ss"));
    return loc.toString(t, format);
}

QString dateTimeText(const QDateTime& t, bool seconds) {
    return QLocale().toString(t.date(), QLocale::ShortFormat) + QLatin1Char(' ') + timeText(t.time(), seconds);
}

QString dateTimeTextUs(qint64 timeUs, bool seconds) {
    return dateTimeText(QDateTime::fromMSecsSinceEpoch(timeUs / 1000), seconds);
}

QString localizedPattern(const QDateTime& t, const QString& pattern) { return QLocale().toString(t, pattern); }

QString sizeText(quint64 bytes) {
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat);
}

QString durationText(double s) {
    const QLocale loc;
    if (s < 10) return QCoreApplication::translate("Formatting", "%1 s").arg(loc.toString(s, 'f', 2));
    if (s < 60) return QCoreApplication::translate("Formatting", "%1 s").arg(loc.toString(s, 'f', 1));
    const qint64 total = qRound64(s);
    if (total < 3600)
        return QCoreApplication::translate("Formatting", "%1 min %2 s")
            .arg(total / 60)
            .arg(total % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("Formatting", "%1 h %2 min")
        .arg(total / 3600)
        .arg(total % 3600 / 60, 2, 10, QLatin1Char('0'));
}

}  // namespace prescient::ui
