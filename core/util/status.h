// Status and Result<T>: how core reports success and failure (LevelDB's Status is the model).
//
// A Status is ok, or a code plus an English detail that names the object concerned (file, pack, page,
// snapshot). Core never throws across its API; exceptions from dependencies are caught at the boundary
// and turned into a Status. Status and Result are plain values: copy them across threads freely.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace prescient {

class [[nodiscard]] Status {
public:
    enum class Code {
        kOk = 0,
        kNotFound,         // a repository, snapshot, source or file does not exist
        kCorruption,       // stored bytes fail a checksum or a format check
        kIoError,          // the operating system refused a read, write, sync, rename...
        kNoSpace,          // a write failed because the file system is full (ENOSPC, EDQUOT)
        kBusy,             // someone else holds the repository lock or the database
        kCancelled,        // the caller's cancellation token fired
        kInvalidArgument,  // the input is of the wrong kind: not a database, a folder for a file...
    };

    Status() = default;
    static Status ok() { return Status(); }
    static Status notFound(std::string d) { return Status(Code::kNotFound, std::move(d)); }
    static Status corruption(std::string d) { return Status(Code::kCorruption, std::move(d)); }
    static Status ioError(std::string d) { return Status(Code::kIoError, std::move(d)); }
    static Status noSpace(std::string d) { return Status(Code::kNoSpace, std::move(d)); }
    static Status busy(std::string d) { return Status(Code::kBusy, std::move(d)); }
    static Status cancelled(std::string d = "cancelled") { return Status(Code::kCancelled, std::move(d)); }
    static Status invalidArgument(std::string d) { return Status(Code::kInvalidArgument, std::move(d)); }
    // An I/O failure from errno: ENOSPC/EDQUOT become kNoSpace, ENOENT kNotFound, others kIoError.
    // The detail reads "<what>: <strerror>".
    static Status fromErrno(int err, const std::string& what);

    bool isOk() const { return m_code == Code::kOk; }
    Code code() const { return m_code; }
    const std::string& detail() const { return m_detail; }
    // "Corruption: pack 3fa2…: index checksum mismatch", or "OK".
    std::string toString() const;
    static const char* codeName(Code c);
    // Returns a copy whose detail is "<prefix>: <detail>"; ok stays ok.
    Status withContext(const std::string& prefix) const;

private:
    Status(Code c, std::string d) : m_code(c), m_detail(std::move(d)) {}
    Code m_code = Code::kOk;
    std::string m_detail;
};

// A value or a failed Status. Accessing value() of a failed Result is a programming error.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T v) : m_value(std::move(v)) {}        // NOLINT: implicit on purpose
    Result(Status s) : m_status(std::move(s)) {}  // NOLINT: must not be ok
    bool isOk() const { return m_status.isOk(); }
    const Status& status() const { return m_status; }
    T& value() & { return *m_value; }
    const T& value() const& { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    T* operator->() { return &*m_value; }
    const T* operator->() const { return &*m_value; }
    T& operator*() { return *m_value; }

private:
    Status m_status;
    std::optional<T> m_value;
};

#define PRESCIENT_RETURN_IF_ERROR(expr)   \
    do {                                  \
        ::prescient::Status _st = (expr); \
        if (!_st.isOk()) return _st;      \
    } while (0)

}  // namespace prescient
