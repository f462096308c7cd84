// The German translation: the shipped .ts is complete (every message translated, placeholders kept), the
// embedded .qm turns a real MainWindow's tabs and menus German, numbers, dates and sizes follow the German
// locale, and an unknown language falls back to English with a message.
#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTabWidget>
#include <QTest>
#include <QXmlStreamReader>

#include "appcontext.h"
#include "formatting.h"
#include "mainwindow.h"
#include "restoredialog.h"
#include "translation.h"

using namespace prescient::ui;

class TestI18n : public QObject {
    Q_OBJECT
private slots:
    void tsFileIsComplete();
    void mainWindowSpeaksGerman();
    void formatsFollowTheLocale();
    void unknownLanguageFallsBackToEnglish();
};

namespace {

// The placeholders of a text (%1, %L2, %n), as a set.
QSet<QString> placeholders(const QString& text) {
    QSet<QString> out;
    static const QRegularExpression re(QStringLiteral("%L?(\\d+|n)"));
    for (auto it = re.globalMatch(text); it.hasNext();) out.insert(it.next().captured(0).remove('L'));
    return out;
}

}  // namespace

void TestI18n::tsFileIsComplete() {
    QFile f(QStringLiteral(PRESCIENT_TS_FILE));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    QXmlStreamReader xml(&f);
    int messages = 0;
    QStringList problems;
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("name")) context = xml.readElementText();
        if (xml.name() == QLatin1String("source")) source = xml.readElementText();
        if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const QString type = xml.attributes().value("type").toString();
            QString text;
            QStringList forms;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) forms << xml.readElementText();
                else if (xml.isCharacters()) text += xml.text();
            }
            if (forms.isEmpty()) forms << text;
            if (type == QLatin1String("unfinished") || type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                problems << QStringLiteral("%1: \"%2\" is %3").arg(context, source, type);
            for (const QString& form : forms) {
                if (form.trimmed().isEmpty()) problems << QStringLiteral("%1: \"%2\" has no translation").arg(context, source);
                QSet<QString> want = placeholders(source), have = placeholders(form);
                if (source.contains(QLatin1String("%n"))) want.remove("%n"), have.remove("%n");  // a singular may spell out "one"
                if (want != have)
                    problems << QStringLiteral("%1: \"%2\" → \"%3\" changes the placeholders").arg(context, source, form);
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages > 200, qPrintable(QString::number(messages)));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 20).join('\n')));
}

void TestI18n::mainWindowSpeaksGerman() {
    QString problem;
    QCOMPARE(installTranslations(qApp, "de", &problem), QStringLiteral("de"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    AppContext ctx;
    MainWindow w(&ctx);
    w.setOfferDemo(false);
    auto* tabs = w.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QStringList titles;
    for (int i = 0; i < tabs->count(); ++i) titles << tabs->tabText(i);
    QVERIFY2(titles.contains(QStringLiteral("Wiederherstellungen")), qPrintable(titles.join(", ")));
    QVERIFY2(titles.contains(QStringLiteral("Abfrage")), qPrintable(titles.join(", ")));
    QStringList menus;
    for (QAction* a : w.menuBar()->actions()) menus << a->text();
    QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(", ")));
    QVERIFY2(menus.contains(QStringLiteral("&Hilfe")), qPrintable(menus.join(", ")));
    QCOMPARE(w.windowTitle(), QStringLiteral("Prescient"));
    // The new views' own controls too (accelerators aside).
    QStringList buttons;
    for (QAbstractButton* b : w.findChildren<QAbstractButton*>()) buttons << b->text().remove('&');
    for (const char* german : {"Schwellenwerte…", "PDF exportieren…", "Jetzt sichern…", "Partitionssatz öffnen…"})
        QVERIFY2(buttons.contains(QString::fromUtf8(german)), german);
    QVERIFY2(titles.contains(QStringLiteral("Vorhersagen")), qPrintable(titles.join(", ")));
    QVERIFY2(titles.contains(QStringLiteral("Partitionen")), qPrintable(titles.join(", ")));
    QVERIFY2(titles.contains(QStringLiteral("Alarme")), qPrintable(titles.join(", ")));
    QVERIFY2(titles.contains(QStringLiteral("Bericht")), qPrintable(titles.join(", ")));
}

void TestI18n::formatsFollowTheLocale() {
    QCOMPARE(installTranslations(qApp, "de"), QStringLiteral("de"));
    QCOMPARE(sizeText(1500000), QStringLiteral("1,5 MB"));
    QCOMPARE(durationText(4.25), QStringLiteral("4,25 s"));
    const QDateTime t(QDate(2026, 11, 21), QTime(14, 3, 7));
    QCOMPARE(dateTimeText(t, true), QStringLiteral("21.11.26 14:03:07"));
    QCOMPARE(localizedPattern(t, "MMMM"), QStringLiteral("November"));
    QCOMPARE(localizedPattern(t, "dddd"), QStringLiteral("Samstag"));
}

void TestI18n::unknownLanguageFallsBackToEnglish() {
    QString problem;
    QCOMPARE(installTranslations(qApp, "xx", &problem), QStringLiteral("en"));
    QVERIFY(problem.contains("xx"));
}

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
