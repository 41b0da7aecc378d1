#include "http/http_types.hpp"

#include <strings.h>

namespace thrive::http {

const std::string* Response::header(const std::string& name) const {
    for (const auto& [key, value] : headers)
        if (strcasecmp(key.c_str(), name.c_str()) == 0) return &value;
    return nullptr;
}

}  // namespace thrive::http
