// Turns whatever a handler threw into the API's error response: the
// layers' own error types keep their stable codes; anything unknown is a
// 500 whose detail goes to the log only (it may name internals).
#pragma once

#include "api/exchange.hpp"

#include <exception>

namespace aihost::api {

void answer_exception(Exchange& ex, std::exception_ptr error);

}  // namespace aihost::api
