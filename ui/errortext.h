// Core failures as the user reads them: a translated sentence for the kind of failure, the action that
// failed, and core's English detail naming the object (file, pack, page). Never a raw code.
#pragma once

#include <QString>

#include "util/status.h"

namespace prescient::ui {

// "<action> failed: <what kind, translated>. <detail>". action is already translated.
QString errorText(const Status& s, const QString& action);

}  // namespace prescient::ui
