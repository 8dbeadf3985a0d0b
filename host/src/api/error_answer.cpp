#include "api/error_answer.hpp"

#include "api/api_error.hpp"
#include "api/request_log.hpp"
#include "audio/audio_error.hpp"
#include "gateway/provider_call.hpp"
#include "storage/storage_error.hpp"

namespace aihost::api {

void answer_exception(Exchange& ex, std::exception_ptr error) {
  // A response already under way (a stream) cannot change its status.
  const bool can_answer = !ex.response.sent();
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    if (can_answer) ex.send_error(e.status, e.code, e.what());
  } catch (const gateway::GatewayError& e) {
    if (can_answer) ex.send_error(e.http_status, e.code, e.what());
  } catch (const audio::AudioError& e) {
    if (can_answer) ex.send_error(400, e.code(), e.what());
  } catch (const storage::StorageError& e) {
    log_failure(ex, e.code() + ": " + e.what());
    if (can_answer)
      ex.send_error(e.code() == "storage.unavailable" ? 503 : 500,
                    "store_error", "the store could not complete the request");
  } catch (const std::exception& e) {
    log_failure(ex, e.what());
    if (can_answer) ex.send_error(500, "internal_error", "internal error");
  } catch (...) {
    log_failure(ex, "unknown exception");
    if (can_answer) ex.send_error(500, "internal_error", "internal error");
  }
}

}  // namespace aihost::api
