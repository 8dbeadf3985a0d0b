#include "storage/tenant_id.hpp"

#include <cctype>

namespace aihost::storage {

bool valid_tenant_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxTenantIdLength ||
      !std::isalnum(static_cast<unsigned char>(id.front())))
    return false;
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '-' || c == '_'))
      return false;
  }
  return true;
}

std::string tenant_id_from_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  out = out.substr(0, kMaxTenantIdLength);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace aihost::storage
