#include "plugins/registry_holder.hpp"

namespace aihost::plugins {

RegistryHolder::RegistryHolder(std::filesystem::path file, EnvLookup env)
    : file_(std::move(file)), env_(std::move(env)) {}

ReloadResult RegistryHolder::reload() {
  std::lock_guard serial(reload_mu_);
  ReloadResult result;
  try {
    auto fresh = Registry::load(file_, env_);
    std::lock_guard lock(mu_);
    current_ = fresh;
    last_error_.clear();
    result.ok = true;
    result.registry = std::move(fresh);
  } catch (const std::exception& e) {
    std::lock_guard lock(mu_);
    last_error_ = e.what();
    result.error = last_error_;
    result.registry = current_;
  }
  return result;
}

std::shared_ptr<const Registry> RegistryHolder::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

std::string RegistryHolder::last_error() const {
  std::lock_guard lock(mu_);
  return last_error_;
}

}  // namespace aihost::plugins
