#include "errortext.h"

#include <QCoreApplication>

namespace prescient::ui {

QString errorText(const Status& s, const QString& action) {
    QString kind;
    switch (s.code()) {
        case Status::Code::kOk: return QString();
        case Status::Code::kNotFound: kind = QCoreApplication::translate("Errors", "something it needs does not exist"); break;
        case Status::Code::kCorruption: kind = QCoreApplication::translate("Errors", "damaged data was found"); break;
        case Status::Code::kIoError: kind = QCoreApplication::translate("Errors", "the system refused a file operation"); break;
        case Status::Code::kNoSpace: kind = QCoreApplication::translate("Errors", "the disk is full"); break;
        case Status::Code::kBusy: kind = QCoreApplication::translate("Errors", "another process is using it"); break;
        case Status::Code::kCancelled: kind = QCoreApplication::translate("Errors", "it was cancelled"); break;
        case Status::Code::kInvalidArgument: kind = QCoreApplication::translate("Errors", "the input is not what was expected"); break;
    }
    return QCoreApplication::translate("Errors", "%1 failed: %2.\n%3").arg(action, kind, QString::fromStdString(s.detail()));
}

}  // namespace prescient::ui
