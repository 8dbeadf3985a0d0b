// How a refusal from a lower layer reaches the API: a stable code and the
// HTTP status it answers with. One table, so every route answers alike.
//
//   routing code                 gateway code              HTTP
//   tenant_not_found             tenant_inactive           403  (an unknown
//   tenant_inactive              tenant_inactive           403   tenant is not
//                                                                told apart)
//   feature_disabled             feature_disabled          403
//   unknown_capability           invalid_request           400
//   provider_not_configured      provider_not_configured   422  (the tenant's
//   provider_key_missing         provider_key_missing      422   setup must
//   provider_instance_refused    provider_config_invalid   422   change; a
//   provider_config_invalid      provider_config_invalid   422   retry won't)
//   provider_unavailable         provider_unavailable      503  (registry:
//                                                                refused,
//                                                                disabled;
//                                                                a reload can
//                                                                fix it)
//   key_decrypt_failed           key_decrypt_failed        500  (the
//                                                                service's
//                                                                master keys)
//   anything else                provider_unavailable      503
//
//   governance "budget.exceeded" budget_exceeded           402
//   governance "budget.invalid"  invalid_request           400
//   an unpriced model, tenant
//   with a budget, unpriced
//   calls not allowed            model_unpriced            422
//   storage errors               storage_unavailable       503
//   a malformed ProviderCall     invalid_request           400
//   stream() on a provider
//   without streaming            stream_unsupported        422
#pragma once

#include "gateway/provider_call.hpp"
#include "governance/governance_error.hpp"
#include "routing/routing_error.hpp"
#include "storage/storage_error.hpp"

namespace aihost::gateway {

GatewayError refusal_from(const routing::RoutingError& e);
GatewayError refusal_from(const governance::GovernanceError& e);
GatewayError refusal_from(const storage::StorageError& e);

}  // namespace aihost::gateway
