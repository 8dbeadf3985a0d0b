#include "aihost/json_parse.hpp"

#include <simdjson.h>

#include <cmath>
#include <string>

namespace aihost::sdk {
namespace {

using json = nlohmann::json;
namespace dom = simdjson::dom;

// A parser keeps its buffers between documents (about 14 bytes for each
// byte of the largest it has read); one per thread keeps them warm without a
// lock. Larger documents go to nlohmann's parser, so that no thread holds
// megabytes for the rest of its life for one large body.
constexpr size_t kLargestParsed = 32 * 1024;

// Thrown for a value whose nlohmann form cannot be told from simdjson's.
struct Undecided {};

json to_nlohmann(dom::element e) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      json out(json::value_t::object);
      auto& fields = *out.get_ptr<json::object_t*>();
      for (dom::key_value_pair field : dom::object(e))
        fields.insert_or_assign(std::string(field.key),
                                to_nlohmann(field.value));
      return out;
    }
    case dom::element_type::ARRAY: {
      json out(json::value_t::array);
      auto& items = *out.get_ptr<json::array_t*>();
      for (dom::element item : dom::array(e))
        items.push_back(to_nlohmann(item));
      return out;
    }
    case dom::element_type::STRING:
      return json(std::string(std::string_view(e)));
    case dom::element_type::INT64: {
      // nlohmann reads an integer without a sign as unsigned (simdjson says
      // int64 for both 0 and -0, hence the one documented difference).
      const int64_t v = int64_t(e);
      return v < 0 ? json(v) : json(static_cast<uint64_t>(v));
    }
    case dom::element_type::UINT64:
      return json(uint64_t(e));
    case dom::element_type::DOUBLE: {
      // simdjson reads "-0" as the double -0.0; nlohmann as the integer 0,
      // and "-0.0" as the double. Which it was is no longer known here.
      const double v = double(e);
      if (v == 0 && std::signbit(v)) throw Undecided{};
      return json(v);
    }
    case dom::element_type::BOOL:
      return json(bool(e));
    case dom::element_type::NULL_VALUE:
      break;
  }
  return json(nullptr);
}

// The tree of `text`, or nothing when it is larger than kLargestParsed,
// when simdjson does not accept it (not JSON, nested deeper than its limit,
// an integer beyond 64 bits) or when the tree might differ from nlohmann's
// (a negative zero).
bool try_parse(std::string_view text, json& out) {
  if (text.size() > kLargestParsed) return false;
  thread_local dom::parser parser;
  dom::element root;
  if (parser.parse(text.data(), text.size(), true).get(root) !=
      simdjson::SUCCESS)
    return false;
  try {
    out = to_nlohmann(root);
  } catch (const Undecided&) {
    return false;
  }
  return true;
}

}  // namespace

json parse_json(std::string_view text) {
  json out;
  if (try_parse(text, out)) return out;
  return json::parse(text);
}

json parse_json_or_discard(std::string_view text) {
  json out;
  if (try_parse(text, out)) return out;
  return json::parse(text, nullptr, false);
}

}  // namespace aihost::sdk
