// The table of services the host hands every plugin at init.
#pragma once

#include <aihost/plugin.h>

namespace aihost::plugins {

// One process-wide table; its functions route by the aihost_call handle.
const aihost_host_services* host_services();

}  // namespace aihost::plugins
