#include "pipelines/task_catalog.hpp"

#include "pipelines/json_schema.hpp"
#include "pipelines/prompt_template.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace aihost::pipelines {
namespace {

using nlohmann::json;

const std::set<std::string> kFeatures = {"summary", "sentiment", "coaching"};
const std::set<std::string> kPlaceholders = {"transcript", "text"};
const std::set<std::string> kTopKeys = {"id",
                                        "version",
                                        "description",
                                        "feature",
                                        "system_prompt",
                                        "user_prompt",
                                        "max_output_tokens",
                                        "temperature",
                                        "output"};

// A task file as JSON, with the line of every field ("output.schema.type").
struct Document {
  std::string name;
  json root;
  std::map<std::string, int> lines;

  int line_of(std::string path) const {
    while (true) {
      if (auto it = lines.find(path); it != lines.end()) return it->second;
      size_t dot = path.find_last_of('.');
      if (dot == std::string::npos) return lines.count("") ? lines.at("") : 1;
      path.resize(dot);
    }
  }

  [[noreturn]] void fail(const std::string& field,
                         const std::string& reason) const {
    throw TaskCatalogError(name + ":" + std::to_string(line_of(field)) +
                           ": field '" + field + "': " + reason);
  }
};

// Plain scalars read the YAML 1.2 core way; quoted ones stay strings.
json scalar(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return s;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  {
    std::istringstream in(s);
    long long i;
    if (in >> i && in.eof() &&
        (std::isdigit(static_cast<unsigned char>(s.back()))))
      return i;
  }
  {
    std::istringstream in(s);
    double d;
    if (in >> d && in.eof() && std::isfinite(d)) return d;
  }
  return s;
}

json convert(const YAML::Node& node, const std::string& path, Document& doc) {
  doc.lines.emplace(path, node.Mark().line + 1);
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : node) {
        std::string key = kv.first.Scalar();
        std::string sub = path.empty() ? key : path + "." + key;
        doc.lines[sub] = kv.first.Mark().line + 1;
        if (out.contains(key)) doc.fail(sub, "appears twice");
        out[key] = convert(kv.second, sub, doc);
        doc.lines[sub] = kv.first.Mark().line + 1;
      }
      return out;
    }
    case YAML::NodeType::Sequence: {
      json out = json::array();
      size_t i = 0;
      for (const auto& item : node)
        out.push_back(convert(item, path + "." + std::to_string(i++), doc));
      return out;
    }
    case YAML::NodeType::Scalar:
      return scalar(node);
    default:
      return nullptr;
  }
}

const json& need(const Document& doc, const json& obj, const std::string& key,
                 const std::string& prefix = "") {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) doc.fail(prefix + key, "is required");
  return *it;
}

std::string need_text(const Document& doc, const json& obj,
                      const std::string& key, const std::string& prefix = "") {
  const json& v = need(doc, obj, key, prefix);
  if (!v.is_string() ||
      v.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos)
    doc.fail(prefix + key, "must be a non-empty string");
  return v.get<std::string>();
}

bool valid_name(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '_' || c == '-';
         });
}

void check_prompt(const Document& doc, const std::string& field,
                  const std::string& text, bool needs_input) {
  bool has_input = false;
  for (const auto& name : placeholders(text)) {
    if (!kPlaceholders.count(name))
      doc.fail(field, "unknown placeholder {{" + name +
                          "}} (known: {{transcript}}, {{text}})");
    has_input = true;
  }
  if (needs_input && !has_input)
    doc.fail(field, "must place the input with {{transcript}} or {{text}}");
}

TaskDefinition build(const Document& doc) {
  const json& root = doc.root;
  if (!root.is_object())
    throw TaskCatalogError(doc.name + ":1: a task file is a YAML mapping");
  for (const auto& [key, value] : root.items()) {
    (void)value;
    if (!kTopKeys.count(key)) doc.fail(key, "is not a task field");
  }
  TaskDefinition t;
  t.source = doc.name;
  t.id = need_text(doc, root, "id");
  if (!valid_name(t.id))
    doc.fail("id", "must be 1-64 characters of a-z, A-Z, 0-9, '_' or '-'");
  const json& version = need(doc, root, "version");
  if (!version.is_number_integer() || version.get<long long>() < 1)
    doc.fail("version", "must be a positive integer");
  t.version = version.get<int>();
  t.description = need_text(doc, root, "description");
  t.feature = need_text(doc, root, "feature");
  if (!kFeatures.count(t.feature))
    doc.fail("feature", "must be one of summary, sentiment, coaching");
  t.system_prompt = need_text(doc, root, "system_prompt");
  check_prompt(doc, "system_prompt", t.system_prompt, false);
  t.user_template = need_text(doc, root, "user_prompt");
  check_prompt(doc, "user_prompt", t.user_template, true);

  const json& max_out = need(doc, root, "max_output_tokens");
  if (!max_out.is_number_integer() || max_out.get<long long>() < 1 ||
      max_out.get<long long>() > 100000)
    doc.fail("max_output_tokens", "must be an integer from 1 to 100000");
  t.max_output_tokens = max_out.get<int>();
  const json& temp = need(doc, root, "temperature");
  if (!temp.is_number() || temp.get<double>() < 0 || temp.get<double>() > 2)
    doc.fail("temperature", "must be a number from 0 to 2");
  t.temperature = temp.get<double>();

  const json& output = need(doc, root, "output");
  if (!output.is_object()) doc.fail("output", "must be a mapping");
  for (const auto& [key, value] : output.items()) {
    (void)value;
    if (key != "name" && key != "schema")
      doc.fail("output." + key, "is not an output field (name, schema)");
  }
  t.schema_name = need_text(doc, output, "name", "output.");
  if (!valid_name(t.schema_name))
    doc.fail("output.name",
             "must be 1-64 characters of a-z, A-Z, 0-9, '_' or '-'");
  t.schema = need(doc, output, "schema", "output.");
  if (!t.schema.is_object() || t.schema.value("type", json()) != "object")
    doc.fail("output.schema", "must be a schema of type object");
  if (auto problem = check_schema(t.schema)) {
    // "schema.properties.x" in the schema is "output.schema.properties.x".
    doc.fail("output." + problem->path, problem->message);
  }
  return t;
}

}  // namespace

TaskDefinition TaskCatalog::parse(const std::string& yaml_text,
                                  const std::string& name) {
  Document doc;
  doc.name = name;
  YAML::Node node;
  try {
    node = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    throw TaskCatalogError(name + ":" + std::to_string(e.mark.line + 1) + ":" +
                           std::to_string(e.mark.column + 1) +
                           ": invalid YAML: " + e.msg);
  }
  doc.root = convert(node, "", doc);
  return build(doc);
}

TaskCatalog TaskCatalog::load(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw TaskCatalogError(dir.string() + ": not a folder of task files");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
      files.push_back(entry.path());
  }
  if (ec) throw TaskCatalogError(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty())
    throw TaskCatalogError(dir.string() + ": no task files (*.yaml)");
  TaskCatalog catalog;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw TaskCatalogError(file.string() + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    catalog.add(parse(text.str(), file.string()));
  }
  return catalog;
}

void TaskCatalog::add(TaskDefinition task) {
  auto it = tasks_.find(task.id);
  if (it != tasks_.end())
    throw TaskCatalogError(task.source + ": task id '" + task.id +
                           "' is already defined in " + it->second.source);
  std::string id = task.id;
  tasks_.emplace(std::move(id), std::move(task));
}

const TaskDefinition* TaskCatalog::find(const std::string& id) const {
  auto it = tasks_.find(id);
  return it == tasks_.end() ? nullptr : &it->second;
}

std::vector<std::string> TaskCatalog::ids() const {
  std::vector<std::string> out;
  for (const auto& [id, task] : tasks_) out.push_back(id);
  return out;
}

}  // namespace aihost::pipelines
