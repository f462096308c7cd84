#include "util/status.h"

#include <cerrno>
#include <cstring>

namespace prescient {

Status Status::fromErrno(int err, const std::string& what) {
    std::string d = what + ": " + std::strerror(err);
    switch (err) {
        case ENOSPC:
        case EDQUOT:
            return noSpace(std::move(d));
        case ENOENT:
            return notFound(std::move(d));
        case EISDIR:
        case ENOTDIR:
            return invalidArgument(std::move(d));
        default:
            return ioError(std::move(d));
    }
}

const char* Status::codeName(Code c) {
    switch (c) {
        case Code::kOk:
            return "OK";
        case Code::kNotFound:
            return "Not found";
        case Code::kCorruption:
            return "Corruption";
        case Code::kIoError:
            return "I/O error";
        case Code::kNoSpace:
            return "No space";
        case Code::kBusy:
            return "Busy";
        case Code::kCancelled:
            return "Cancelled";
        case Code::kInvalidArgument:
            return "Invalid argument";
    }
    return "Unknown";
}

std::string Status::toString() const {
    if (isOk()) return "OK";
    return std::string(codeName(m_code)) + ": " + m_detail;
}

Status Status::withContext(const std::string& prefix) const {
    if (isOk()) return *this;
    return Status(m_code, prefix + ": " + m_detail);
}

}  // namespace prescient
