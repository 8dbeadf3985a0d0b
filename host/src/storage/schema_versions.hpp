// One function per schema version; migrations.cpp lists them in order.
#pragma once

#include "storage/migrations.hpp"

namespace aihost::storage {

Migration schema_v1();
Migration schema_v2();

}  // namespace aihost::storage
