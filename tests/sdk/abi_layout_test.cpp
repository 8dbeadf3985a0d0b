// Freezes the ABI v1 layout: a change here breaks every plugin ever built.
#include <aihost/plugin.h>

#include <catch2/catch.hpp>

#include <cstddef>

static_assert(offsetof(aihost_plugin_descriptor, abi_major) == 0);
static_assert(offsetof(aihost_plugin_descriptor, abi_minor) == 4);
static_assert(offsetof(aihost_plugin_descriptor, struct_size) == 8);
static_assert(offsetof(aihost_plugin_descriptor, id) == 16);
static_assert(offsetof(aihost_plugin_descriptor, version) == 24);
static_assert(offsetof(aihost_plugin_descriptor, description) == 32);
static_assert(offsetof(aihost_plugin_descriptor, capabilities) == 40);
static_assert(offsetof(aihost_plugin_descriptor, init) == 48);
static_assert(offsetof(aihost_plugin_descriptor, instance_create) == 56);
static_assert(offsetof(aihost_plugin_descriptor, instance_destroy) == 64);
static_assert(offsetof(aihost_plugin_descriptor, invoke) == 72);
static_assert(offsetof(aihost_plugin_descriptor, get_extension) == 80);
static_assert(sizeof(aihost_plugin_descriptor) == 88);

static_assert(sizeof(aihost_view) == 16);
static_assert(sizeof(aihost_status) == 4);
static_assert(offsetof(aihost_error, status) == 4);
static_assert(offsetof(aihost_error, provider_http_status) == 8);
static_assert(offsetof(aihost_error, retry_after_ms) == 16);
static_assert(offsetof(aihost_error, message) == 24);
static_assert(offsetof(aihost_error, provider_code) == 40);
static_assert(sizeof(aihost_error) == 56);

static_assert(offsetof(aihost_host_services, host_data) == 8);
static_assert(offsetof(aihost_host_services, log) == 16);
static_assert(offsetof(aihost_host_services, monotonic_ms) == 24);
static_assert(offsetof(aihost_host_services, is_cancelled) == 32);
static_assert(offsetof(aihost_host_services, deadline_ms) == 40);
static_assert(offsetof(aihost_host_services, http_send) == 48);
static_assert(sizeof(aihost_host_services) == 56);

static_assert(offsetof(aihost_http_request, flags) == 4);
static_assert(offsetof(aihost_http_request, method) == 8);
static_assert(offsetof(aihost_http_request, url) == 24);
static_assert(offsetof(aihost_http_request, headers) == 40);
static_assert(offsetof(aihost_http_request, header_count) == 48);
static_assert(offsetof(aihost_http_request, body) == 56);
static_assert(offsetof(aihost_http_request, timeout_ms) == 72);
static_assert(offsetof(aihost_http_request, retry_veto) == 80);
static_assert(offsetof(aihost_http_request, plugin_data) == 88);
static_assert(sizeof(aihost_http_request) == 96);

static_assert(offsetof(aihost_request, operation) == 8);
static_assert(offsetof(aihost_request, params) == 24);
static_assert(offsetof(aihost_request, payload) == 40);
static_assert(offsetof(aihost_request, payload_type) == 56);
static_assert(offsetof(aihost_request, api_key) == 72);
static_assert(sizeof(aihost_request) == 88);

static_assert(sizeof(aihost_output) == 24);
static_assert(sizeof(aihost_http_sink) == 24);
static_assert(sizeof(aihost_event_sink) == 16);
static_assert(sizeof(aihost_llm_stream_v1) == 16);
static_assert(sizeof(aihost_audio_multichannel_v1) == 8);

TEST_CASE("status values are frozen", "[abi]") {
  CHECK(AIHOST_OK == 0);
  CHECK(AIHOST_INVALID_ARGUMENT == 1);
  CHECK(AIHOST_RATE_LIMITED == 5);
  CHECK(AIHOST_QUOTA_EXCEEDED == 6);
  CHECK(AIHOST_UNAVAILABLE == 7);
  CHECK(AIHOST_DEADLINE_EXCEEDED == 8);
  CHECK(AIHOST_CANCELLED == 9);
  CHECK(AIHOST_INTERNAL == 12);
  CHECK(AIHOST_PAYLOAD_TOO_LARGE == 13);
  CHECK(AIHOST_ABI_MAJOR == 1);
}
