#include "net/fault_injection.hpp"

#include <atomic>
#include <memory>
#include <mutex>

namespace aihost::net {
namespace {

std::atomic<bool> g_active{false};
std::mutex g_mu;
std::shared_ptr<const FaultHook> g_hook;

}  // namespace

void set_fault_hook(FaultHook hook) {
  std::lock_guard lock(g_mu);
  g_hook = hook ? std::make_shared<const FaultHook>(std::move(hook)) : nullptr;
  g_active.store(g_hook != nullptr);
}

std::optional<InjectedFault> injected_fault(const std::string& host,
                                            const Request& request) {
  if (!g_active.load(std::memory_order_relaxed)) return std::nullopt;
  std::shared_ptr<const FaultHook> hook;
  {
    std::lock_guard lock(g_mu);
    hook = g_hook;
  }
  // Called outside the lock so that a hook may itself replace the hook.
  return hook ? (*hook)(host, request) : std::nullopt;
}

}  // namespace aihost::net
