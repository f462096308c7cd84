// Command-line parsing for `prescient`: positionals, `--name value` options and `--flag` switches.
// Unknown options and missing values are usage errors (exit code 2).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace prescient::cli {

class Args {
public:
    // valueOptions take a value ("--repo DIR" or "--repo=DIR"); flags take none.
    // Returns false and sets *error on a usage error.
    bool parse(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
               const std::set<std::string>& flags, std::string* error);
    bool has(const std::string& name) const { return m_values.count(name) || m_flags.count(name); }
    std::string value(const std::string& name, const std::string& fallback = "") const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positionals;
};

}  // namespace prescient::cli
