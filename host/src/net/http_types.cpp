#include "net/http_types.hpp"

#include <strings.h>

namespace aihost::net {

std::optional<std::string> find_header(const std::vector<Header>& headers,
                                       std::string_view name) {
  for (const auto& h : headers)
    if (h.name.size() == name.size() &&
        strncasecmp(h.name.data(), name.data(), name.size()) == 0)
      return h.value;
  return std::nullopt;
}

}  // namespace aihost::net
