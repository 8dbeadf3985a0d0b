#include "pipelines/json_schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace aihost::pipelines {
namespace {

using nlohmann::json;

const std::set<std::string>& type_names() {
  static const std::set<std::string> names = {
      "object", "array", "string", "number", "integer", "boolean", "null"};
  return names;
}

const std::set<std::string>& keywords() {
  static const std::set<std::string> k = {
      "type",       "properties", "required",  "additionalProperties",
      "enum",       "items",      "minimum",   "maximum",
      "minItems",   "maxItems",   "minLength", "title",
      "description"};
  return k;
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// The declared type names in their order; empty when there is no "type".
struct Types {
  std::vector<std::string> names;
  bool empty() const { return names.empty(); }
  size_t count(const std::string& name) const {
    return std::count(names.begin(), names.end(), name);
  }
  auto begin() const { return names.begin(); }
  auto end() const { return names.end(); }
};

Types types_of(const json& schema) {
  Types out;
  auto it = schema.find("type");
  if (it == schema.end()) return out;
  if (it->is_string()) {
    out.names.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const auto& t : *it)
      if (t.is_string()) out.names.push_back(t.get<std::string>());
  }
  return out;
}

bool is_integral(const json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return true;
  if (!v.is_number_float()) return false;
  double d = v.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

bool has_type(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "number") return v.is_number();
  if (type == "integer") return is_integral(v);
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  return false;
}

bool non_negative_integer(const json& v) {
  return (v.is_number_integer() || v.is_number_unsigned()) &&
         v.get<int64_t>() >= 0;
}

using Problem = std::optional<SchemaProblem>;

Problem problem(const std::string& path, std::string message) {
  return SchemaProblem{path.empty() ? "schema" : "schema." + path,
                       std::move(message)};
}

Problem check_type(const json& schema, const std::string& path) {
  auto it = schema.find("type");
  if (it == schema.end()) {
    if (!schema.contains("enum"))
      return problem(path, "a schema needs a 'type' (or an 'enum')");
    return std::nullopt;
  }
  std::vector<json> names;
  if (it->is_string()) {
    names.push_back(*it);
  } else if (it->is_array() && !it->empty()) {
    names.assign(it->begin(), it->end());
  } else {
    return problem(join(path, "type"),
                   "must be a type name or a non-empty array of type names");
  }
  std::set<std::string> seen;
  for (const auto& n : names) {
    if (!n.is_string() || !type_names().count(n.get<std::string>()))
      return problem(join(path, "type"),
                     "unknown type " + n.dump() +
                         " (object, array, string, number, integer, boolean "
                         "or null)");
    if (!seen.insert(n.get<std::string>()).second)
      return problem(join(path, "type"), "repeats the type " + n.dump());
  }
  return std::nullopt;
}

Problem check_node(const json& schema, const std::string& path);

Problem check_object_keywords(const json& schema, const std::string& path,
                              bool is_object) {
  auto props = schema.find("properties");
  auto required = schema.find("required");
  auto additional = schema.find("additionalProperties");
  if (!is_object) {
    for (const char* k : {"properties", "required", "additionalProperties"})
      if (schema.contains(k))
        return problem(join(path, k), "applies only to type object");
    return std::nullopt;
  }
  if (props == schema.end() || !props->is_object())
    return problem(join(path, "properties"),
                   "an object schema needs a 'properties' object");
  if (additional == schema.end() || *additional != json(false))
    return problem(join(path, "additionalProperties"),
                   "must be false: structured output needs closed objects");
  std::set<std::string> listed;
  if (required == schema.end() || !required->is_array())
    return problem(join(path, "required"),
                   "must be an array naming every property");
  for (const auto& r : *required) {
    if (!r.is_string())
      return problem(join(path, "required"), "must hold property names only");
    if (!props->contains(r.get<std::string>()))
      return problem(join(path, "required"),
                     "names " + r.dump() + ", which is not in 'properties'");
    if (!listed.insert(r.get<std::string>()).second)
      return problem(join(path, "required"), "repeats " + r.dump());
  }
  for (const auto& [name, sub] : props->items()) {
    if (!listed.count(name))
      return problem(join(path, "required"),
                     "must list every property; \"" + name +
                         "\" is missing (structured output requires all)");
    if (auto p = check_node(sub, join(join(path, "properties"), name)))
      return p;
  }
  return std::nullopt;
}

Problem check_array_keywords(const json& schema, const std::string& path,
                             bool is_array) {
  auto items = schema.find("items");
  if (!is_array) {
    for (const char* k : {"items", "minItems", "maxItems"})
      if (schema.contains(k))
        return problem(join(path, k), "applies only to type array");
    return std::nullopt;
  }
  if (items == schema.end())
    return problem(join(path, "items"), "an array schema needs 'items'");
  for (const char* k : {"minItems", "maxItems"})
    if (auto it = schema.find(k);
        it != schema.end() && !non_negative_integer(*it))
      return problem(join(path, k), "must be a non-negative integer");
  if (schema.contains("minItems") && schema.contains("maxItems") &&
      schema["minItems"].get<int64_t>() > schema["maxItems"].get<int64_t>())
    return problem(join(path, "minItems"), "is above maxItems");
  return check_node(*items, join(path, "items"));
}

Problem check_scalar_keywords(const json& schema, const std::string& path,
                              const Types& types) {
  bool numeric = types.count("number") || types.count("integer");
  for (const char* k : {"minimum", "maximum"}) {
    auto it = schema.find(k);
    if (it == schema.end()) continue;
    if (!numeric) return problem(join(path, k), "applies only to numbers");
    if (!it->is_number()) return problem(join(path, k), "must be a number");
  }
  if (schema.contains("minimum") && schema.contains("maximum") &&
      schema["minimum"].get<double>() > schema["maximum"].get<double>())
    return problem(join(path, "minimum"), "is above maximum");
  if (auto it = schema.find("minLength"); it != schema.end()) {
    if (!types.count("string"))
      return problem(join(path, "minLength"), "applies only to strings");
    if (!non_negative_integer(*it))
      return problem(join(path, "minLength"), "must be a non-negative integer");
  }
  if (auto it = schema.find("enum"); it != schema.end()) {
    if (!it->is_array() || it->empty())
      return problem(join(path, "enum"), "must be a non-empty array");
    for (const auto& v : *it) {
      if (v.is_object() || v.is_array())
        return problem(join(path, "enum"), "must hold scalar values only");
      bool fits = types.empty();
      for (const auto& t : types) fits = fits || has_type(v, t);
      if (!fits)
        return problem(join(path, "enum"),
                       v.dump() + " does not have the schema's type");
    }
  }
  return std::nullopt;
}

Problem check_node(const json& schema, const std::string& path) {
  if (!schema.is_object()) return problem(path, "a schema must be an object");
  for (const auto& [key, value] : schema.items()) {
    (void)value;
    if (!keywords().count(key))
      return problem(join(path, key), "unsupported keyword '" + key + "'");
  }
  for (const char* k : {"title", "description"})
    if (auto it = schema.find(k); it != schema.end() && !it->is_string())
      return problem(join(path, k), "must be a string");
  if (auto p = check_type(schema, path)) return p;
  Types types = types_of(schema);
  if (auto p = check_object_keywords(schema, path, types.count("object") > 0))
    return p;
  if (auto p = check_array_keywords(schema, path, types.count("array") > 0))
    return p;
  return check_scalar_keywords(schema, path, types);
}

// ---- validation ------------------------------------------------------------

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::null:
      return "null";
    case json::value_t::number_float:
      return is_integral(v) ? "an integer" : "a number";
    default:
      return "an integer";
  }
}

std::string member_path(const std::string& path, const std::string& name) {
  bool plain = !name.empty();
  for (unsigned char c : name) plain = plain && (std::isalnum(c) || c == '_');
  if (plain) return path + "." + name;
  return path + "[" + json(name).dump() + "]";
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Short enough to quote back to the model.
std::string quote(const json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

class Validator {
 public:
  explicit Validator(size_t limit) : limit_(limit) {}

  void run(const json& schema, const json& v, const std::string& path) {
    if (full()) return;
    Types types = types_of(schema);
    if (!types.empty()) {
      bool fits = false;
      for (const auto& t : types) fits = fits || has_type(v, t);
      if (!fits) {
        std::string expected;
        for (const auto& t : types)
          expected += (expected.empty() ? "" : " or ") + t;
        return add(path, "expected " + expected + ", got " + type_name(v));
      }
    }
    if (auto e = schema.find("enum"); e != schema.end()) {
      bool found = false;
      for (const auto& option : *e) found = found || option == v;
      if (!found) {
        std::string options;
        for (const auto& option : *e)
          options += (options.empty() ? "" : ", ") + option.dump();
        return add(path, quote(v) + " is not one of " + options);
      }
    }
    if (v.is_number()) return number(schema, v, path);
    if (v.is_string()) return string(schema, v, path);
    if (v.is_array()) return array(schema, v, path);
    if (v.is_object()) return object(schema, v, path);
  }

  std::vector<std::string> errors;

 private:
  bool full() const { return errors.size() >= limit_; }
  void add(const std::string& path, const std::string& message) {
    if (!full()) errors.push_back(path + ": " + message);
  }

  void number(const json& schema, const json& v, const std::string& path) {
    double x = v.get<double>();
    if (auto m = schema.find("minimum");
        m != schema.end() && x < m->get<double>())
      add(path, v.dump() + " is below the minimum " + m->dump());
    if (auto m = schema.find("maximum");
        m != schema.end() && x > m->get<double>())
      add(path, v.dump() + " is above the maximum " + m->dump());
  }

  void string(const json& schema, const json& v, const std::string& path) {
    if (auto m = schema.find("minLength"); m != schema.end()) {
      size_t n = code_points(v.get_ref<const std::string&>());
      if (n < m->get<size_t>())
        add(path, "the string has " + std::to_string(n) +
                      " characters, fewer than the minimum " + m->dump());
    }
  }

  void array(const json& schema, const json& v, const std::string& path) {
    if (auto m = schema.find("minItems");
        m != schema.end() && v.size() < m->get<size_t>())
      add(path, "has " + std::to_string(v.size()) +
                    " items, fewer than the minimum " + m->dump());
    if (auto m = schema.find("maxItems");
        m != schema.end() && v.size() > m->get<size_t>())
      add(path, "has " + std::to_string(v.size()) +
                    " items, more than the maximum " + m->dump());
    if (auto items = schema.find("items"); items != schema.end())
      for (size_t i = 0; i < v.size(); ++i)
        run(*items, v[i], path + "[" + std::to_string(i) + "]");
  }

  void object(const json& schema, const json& v, const std::string& path) {
    const json empty = json::object();
    auto pit = schema.find("properties");
    const json& props = pit != schema.end() ? *pit : empty;
    if (auto r = schema.find("required"); r != schema.end())
      for (const auto& name : *r)
        if (!v.contains(name.get<std::string>()))
          add(path, "missing required property " + name.dump());
    bool closed = schema.value("additionalProperties", json(true)) == false;
    for (const auto& [name, value] : v.items()) {
      auto sub = props.find(name);
      if (sub != props.end()) {
        run(*sub, value, member_path(path, name));
      } else if (closed) {
        add(path, "unexpected property " + json(name).dump());
      }
    }
  }

  size_t limit_;
};

}  // namespace

std::optional<SchemaProblem> check_schema(const json& schema) {
  return check_node(schema, "");
}

std::vector<std::string> validate(const json& schema, const json& value,
                                  size_t limit) {
  Validator v(limit == 0 ? 1 : limit);
  v.run(schema, value, "$");
  return std::move(v.errors);
}

}  // namespace aihost::pipelines
