// The host's side of the opaque aihost_call handle a plugin receives.
#pragma once

#include "net/egress.hpp"

#include <aihost/plugin.h>

#include <atomic>
#include <deque>
#include <string>

// Defined at global scope: plugin.h declares it there as an opaque type.
struct aihost_call {
  aihost::net::CallControl control;
  std::atomic<bool> cancelled{false};
  const aihost::net::Egress* egress = nullptr;
  // Keeps strings handed to the plugin (error messages) alive until the
  // plugin function that received this call returns.
  std::deque<std::string> retained;

  aihost_call() { control.cancelled = &cancelled; }
  aihost_call(const aihost_call&) = delete;
  aihost_call& operator=(const aihost_call&) = delete;
};
