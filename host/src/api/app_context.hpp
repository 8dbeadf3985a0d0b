// What route handlers may reach. Grows as layers are added behind the API.
#pragma once

#include "plugins/registry_holder.hpp"
#include "storage/database.hpp"

namespace aihost::api {

struct AppContext {
  plugins::RegistryHolder& registry;
  storage::Database* database = nullptr;  // null: run without a store
};

}  // namespace aihost::api
