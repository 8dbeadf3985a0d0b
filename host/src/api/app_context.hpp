// What route handlers may reach. Grows as layers are added behind the API.
#pragma once

#include "plugins/registry_holder.hpp"

namespace aihost::api {

struct AppContext {
  plugins::RegistryHolder& registry;
};

}  // namespace aihost::api
