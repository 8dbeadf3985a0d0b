#include "analyze.hpp"

#include <aihost/plugin.hpp>

namespace aihost::accent {
namespace {

using json = nlohmann::json;

[[noreturn]] void off_contract(const std::string& what) {
  throw sdk::Error(AIHOST_UPSTREAM_PROTOCOL,
                   "presidio analyzer answered off-contract: " + what);
}

Analysis parse_list(const json& list, size_t code_points,
                    const std::string& where) {
  if (!list.is_array()) off_contract(where + " is not a list of results");
  Analysis a;
  a.raw = list;
  for (size_t i = 0; i < list.size(); ++i) {
    const json& r = list[i];
    std::string at = where + "[" + std::to_string(i) + "]";
    if (!r.is_object()) off_contract(at + " is not an object");
    auto type = r.find("entity_type");
    auto start = r.find("start");
    auto end = r.find("end");
    auto score = r.find("score");
    if (type == r.end() || !type->is_string())
      off_contract(at + ".entity_type is missing");
    if (start == r.end() || !start->is_number_unsigned() || end == r.end() ||
        !end->is_number_unsigned())
      off_contract(at + " has no integer start/end");
    Finding f;
    f.entity_type = type->get<std::string>();
    f.start = start->get<size_t>();
    f.end = end->get<size_t>();
    if (f.start > f.end || f.end > code_points)
      off_contract(at + " span [" + std::to_string(f.start) + "," +
                   std::to_string(f.end) + ") is outside the text of " +
                   std::to_string(code_points) + " characters");
    if (score != r.end() && score->is_number()) f.score = score->get<double>();
    f.recognizer = "presidio";
    auto expl = r.find("analysis_explanation");
    if (expl != r.end() && expl->is_object()) {
      auto rec = expl->find("recognizer");
      if (rec != expl->end() && rec->is_string() &&
          !rec->get<std::string>().empty())
        f.recognizer = rec->get<std::string>();
    }
    a.findings.push_back(std::move(f));
  }
  return a;
}

}  // namespace

json analyze_body(const AnalyzeQuery& q) {
  json body = {{"language", q.language}, {"return_decision_process", false}};
  if (q.batch)
    body["text"] = q.texts;
  else
    body["text"] = q.texts.empty() ? std::string() : q.texts.front();
  // Presidio reads an empty list as "all entities"; say so by omitting it.
  if (q.entities && !q.entities->empty()) body["entities"] = *q.entities;
  if (q.score_threshold) body["score_threshold"] = *q.score_threshold;
  return body;
}

std::vector<Analysis> parse_analyze_response(
    const json& body, const AnalyzeQuery& q,
    const std::vector<size_t>& code_points) {
  std::vector<Analysis> out;
  if (!q.batch) {
    out.push_back(parse_list(body, code_points.at(0), "result"));
    return out;
  }
  if (!body.is_array() || body.size() != q.texts.size())
    off_contract("a batch of " + std::to_string(q.texts.size()) +
                 " texts did not get as many result lists");
  for (size_t i = 0; i < body.size(); ++i)
    out.push_back(parse_list(body[i], code_points.at(i),
                             "result[" + std::to_string(i) + "]"));
  return out;
}

}  // namespace aihost::accent
