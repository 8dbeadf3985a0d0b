#include "aihost/json_write.hpp"

#include <simdjson.h>

#include <charconv>
#include <cstdint>
#include <string_view>

namespace aihost::sdk {
namespace {

using json = nlohmann::json;

// What a byte below 0x80 becomes inside a JSON string: 0 for itself, 'u'
// for a \u00XX escape, or the letter of its short escape.
constexpr char escape_of(unsigned char c) {
  switch (c) {
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '\b':
      return 'b';
    case '\f':
      return 'f';
    case '\n':
      return 'n';
    case '\r':
      return 'r';
    case '\t':
      return 't';
    default:
      return c < 0x20 ? 'u' : 0;
  }
}

struct EscapeTable {
  char of[128];
  constexpr EscapeTable() : of() {
    for (int c = 0; c < 128; ++c)
      of[c] = escape_of(static_cast<unsigned char>(c));
  }
};
constexpr EscapeTable kEscape;

void append_string(std::string& out, std::string_view s,
                   json::error_handler_t handler) {
  // Bytes of 0x80 and above are copied as they are (nlohmann does not
  // escape them either) once the whole string is known to be UTF-8; when it
  // is not, the handler's treatment is nlohmann's to give.
  bool checked = false;
  const size_t start = out.size();
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (!checked) {
        if (!simdjson::validate_utf8(s.data(), s.size())) {
          out.resize(start);
          out += json(std::string(s)).dump(-1, ' ', false, handler);
          return;
        }
        checked = true;
      }
      continue;
    }
    const char e = kEscape.of[c];
    if (e == 0) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (e != 'u') {
      out += '\\';
      out += e;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

template <class Int>
void append_integer(std::string& out, Int v) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  out.append(buffer, static_cast<size_t>(end - buffer));
}

void append_value(std::string& out, const json& v,
                  json::error_handler_t handler) {
  switch (v.type()) {
    case json::value_t::object: {
      const auto& fields = *v.get_ptr<const json::object_t*>();
      out += '{';
      bool first = true;
      for (const auto& [key, value] : fields) {
        if (!first) out += ',';
        first = false;
        append_string(out, key, handler);
        out += ':';
        append_value(out, value, handler);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      const auto& items = *v.get_ptr<const json::array_t*>();
      out += '[';
      bool first = true;
      for (const json& item : items) {
        if (!first) out += ',';
        first = false;
        append_value(out, item, handler);
      }
      out += ']';
      return;
    }
    case json::value_t::string:
      append_string(out, *v.get_ptr<const json::string_t*>(), handler);
      return;
    case json::value_t::boolean:
      out += *v.get_ptr<const json::boolean_t*>() ? "true" : "false";
      return;
    case json::value_t::number_integer:
      append_integer(out, *v.get_ptr<const json::number_integer_t*>());
      return;
    case json::value_t::number_unsigned:
      append_integer(out, *v.get_ptr<const json::number_unsigned_t*>());
      return;
    case json::value_t::null:
      out += "null";
      return;
    case json::value_t::number_float:  // nlohmann's shortest round trip
    case json::value_t::binary:
    case json::value_t::discarded:
      out += v.dump(-1, ' ', false, handler);
      return;
  }
}

}  // namespace

void append_json(std::string& out, const json& value,
                 json::error_handler_t handler) {
  append_value(out, value, handler);
}

std::string write_json(const json& value, json::error_handler_t handler) {
  // Written into a buffer kept per thread, then copied once into a string of
  // the exact size: growing the result itself reallocated it about six
  // times for a chat completion, and the text may be kept for long (a usage
  // row's metadata waits in the writer's queue). A buffer grown past 64 KB
  // by a large value is let go.
  thread_local std::string scratch;
  scratch.clear();
  append_value(scratch, value, handler);
  std::string out(scratch);
  if (scratch.capacity() > 64 * 1024) std::string().swap(scratch);
  return out;
}

}  // namespace aihost::sdk
