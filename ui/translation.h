// Translation: the GUI's language. English is the source language; German ships complete, compiled from
// translations/prescient_de.ts into a .qm embedded in prescient_ui (resource prefix /i18n). The language
// follows the system locale unless the user asks for one (`prescient-gui --lang de`); the chosen
// language also becomes QLocale's default, so numbers, dates and sizes are formatted the same way as
// the words around them. Qt's own strings (standard dialog buttons) come from Qt's installed
// translations when present (Debian: qt6-translations-l10n).
// Thread safety: call once on the GUI thread, after QCoreApplication exists and before any widget.
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace prescient::ui {

// The languages the GUI ships, as locale names ("en", "de").
QStringList availableLanguages();

// Installs the translators for `language` ("" = the system locale; a language without a translation
// falls back to English). Returns the language installed ("en" or "de"); *error (when given) names a
// requested language that is not available.
QString installTranslations(QCoreApplication* app, const QString& language, QString* error = nullptr);

}  // namespace prescient::ui
