// Writing nlohmann::json as compact JSON text, faster than json::dump().
//
// A proxied chat completion writes JSON four times (the params crossing the
// ABI, the provider request, the plugin's result, the client's answer), and
// nlohmann's serializer decodes every string byte by byte through a UTF-8
// state machine behind a virtual output adapter. These functions copy runs
// of bytes that need no escape as they are and check UTF-8 once per string.
//
// The contract is json::dump(-1, ' ', false, handler): the same text for
// every value, byte for byte. Numbers with a fraction, strings that are not
// valid UTF-8 (which the handler decides about: throw, replace or ignore)
// and binary values are written by nlohmann's own serializer, so its
// exceptions and messages are unchanged.
#ifndef AIHOST_JSON_WRITE_HPP
#define AIHOST_JSON_WRITE_HPP

#include <nlohmann/json.hpp>

#include <string>

namespace aihost::sdk {

// As value.dump(-1, ' ', false, handler).
std::string write_json(const nlohmann::json& value,
                       nlohmann::json::error_handler_t handler =
                           nlohmann::json::error_handler_t::strict);

// Appends what write_json returns to `out`.
void append_json(std::string& out, const nlohmann::json& value,
                 nlohmann::json::error_handler_t handler =
                     nlohmann::json::error_handler_t::strict);

}  // namespace aihost::sdk

#endif
