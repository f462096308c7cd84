#include "translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace prescient::ui {

QStringList availableLanguages() { return {"en", "de"}; }

QString installTranslations(QCoreApplication* app, const QString& language, QString* error) {
    QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QString chosen = "en";
    if (locale.language() == QLocale::German) {
        chosen = "de";
    } else if (!language.isEmpty() && locale.language() != QLocale::English && error) {
        *error = QCoreApplication::translate("Translation", "No translation for the language %1; using English.")
                     .arg(language);
    }
    if (chosen == "en") {
        // Formats still follow the system (or the requested) locale; only the words stay English.
        if (!language.isEmpty()) QLocale::setDefault(locale.language() == QLocale::C ? QLocale(QLocale::English) : locale);
        return chosen;
    }
    if (!language.isEmpty()) QLocale::setDefault(locale);

    auto* own = new QTranslator(app);
    if (!own->load(QLocale(chosen), "prescient", "_", ":/i18n")) {  // a build without the .qm: English
        delete own;
        if (error) *error = QStringLiteral("the German translation is missing from this build");
        return "en";
    }
    app->installTranslator(own);
    auto* qt = new QTranslator(app);  // Qt's strings: standard buttons, file dialogs
    if (qt->load(QLocale(chosen), "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app->installTranslator(qt);
    else
        delete qt;
    return chosen;
}

}  // namespace prescient::ui
