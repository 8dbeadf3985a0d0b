#include "net/http_types.hpp"

#include "net/http_text.hpp"

namespace aihost::net {

std::optional<std::string> find_header(const std::vector<Header>& headers,
                                       std::string_view name) {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return h.value;
  return std::nullopt;
}

}  // namespace aihost::net
