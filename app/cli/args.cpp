#include "cli/args.h"

namespace prescient::cli {

bool Args::parse(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
                 const std::set<std::string>& flags, std::string* error) {
    bool onlyPositionals = false;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (onlyPositionals || a.size() < 2 || a.rfind("--", 0) != 0) {
            if (!onlyPositionals && a.size() > 1 && a[0] == '-' && a != "-") {
                *error = "unknown option " + a;
                return false;
            }
            m_positionals.push_back(a);
            continue;
        }
        if (a == "--") {
            onlyPositionals = true;
            continue;
        }
        std::string name = a.substr(2), value;
        bool inlineValue = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        if (valueOptions.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size()) {
                    *error = "option --" + name + " needs a value";
                    return false;
                }
                value = argv[++i];
            }
            m_values[name] = value;
        } else if (flags.count(name) && !inlineValue) {
            m_flags.insert(name);
        } else {
            *error = "unknown option --" + name;
            return false;
        }
    }
    return true;
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

}  // namespace prescient::cli
