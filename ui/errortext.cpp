#include "errortext.h"

#include <QCoreApplication>

namespace prescient::ui {

QString errorText(const Status& s, const QString& action) {
    const char* ctx = "Errors";
    QString kind;
    switch (s.code()) {
        case Status::Code::kOk: return QString();
        case Status::Code::kNotFound: kind = QCoreApplication::translate(ctx, "something it needs does not exist"); break;
        case Status::Code::kCorruption: kind = QCoreApplication::translate(ctx, "damaged data was found"); break;
        case Status::Code::kIoError: kind = QCoreApplication::translate(ctx, "the system refused a file operation"); break;
        case Status::Code::kNoSpace: kind = QCoreApplication::translate(ctx, "the disk is full"); break;
        case Status::Code::kBusy: kind = QCoreApplication::translate(ctx, "another process is using it"); break;
        case Status::Code::kCancelled: kind = QCoreApplication::translate(ctx, "it was cancelled"); break;
        case Status::Code::kInvalidArgument: kind = QCoreApplication::translate(ctx, "the input is not what was expected"); break;
    }
    return QCoreApplication::translate(ctx, "%1 failed: %2.\n%3").arg(action, kind, QString::fromStdString(s.detail()));
}

}  // namespace prescient::ui
