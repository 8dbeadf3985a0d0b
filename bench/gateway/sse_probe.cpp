#include "sse_probe.hpp"

#include <nlohmann/json.hpp>

namespace aihost::bench {

void SseProbe::reset(int64_t start_ns) {
  pending_.clear();
  data_.clear();
  start_ns_ = start_ns;
  last_ns_ = 0;
  ttft_ns_ = -1;
  content_events_ = 0;
  saw_done_ = saw_error_ = false;
  gaps_ns_.clear();
}

// Lines end in LF, CRLF or CR; a blank line ends an event (the SSE rules).
void SseProbe::feed(std::string_view bytes, int64_t now_ns) {
  pending_.append(bytes);
  size_t pos = 0;
  for (;;) {
    size_t eol = pending_.find_first_of("\r\n", pos);
    if (eol == std::string::npos) break;
    size_t next = eol + 1;
    if (pending_[eol] == '\r') {
      if (next == pending_.size()) break;  // CR LF may be split
      if (pending_[next] == '\n') ++next;
    }
    std::string_view line(pending_.data() + pos, eol - pos);
    pos = next;
    if (line.empty()) {
      if (!data_.empty()) on_event(data_, now_ns);
      data_.clear();
      continue;
    }
    if (line.rfind("data:", 0) == 0) {
      std::string_view v = line.substr(5);
      if (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      if (!data_.empty()) data_ += '\n';
      data_.append(v);
    }
  }
  pending_.erase(0, pos);
}

void SseProbe::on_event(std::string_view data, int64_t now_ns) {
  if (data == "[DONE]") {
    saw_done_ = true;
    return;
  }
  auto j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  if (auto e = j.find("error"); e != j.end() && !e->is_null()) {
    saw_error_ = true;
    return;
  }
  auto choices = j.find("choices");
  if (choices == j.end() || !choices->is_array() || choices->empty()) return;
  const auto& first = (*choices)[0];
  auto delta = first.find("delta");
  if (delta == first.end() || !delta->is_object()) return;
  auto content = delta->find("content");
  if (content == delta->end() || !content->is_string() ||
      content->get_ref<const std::string&>().empty())
    return;
  ++content_events_;
  if (ttft_ns_ < 0)
    ttft_ns_ = now_ns - start_ns_;
  else
    gaps_ns_.push_back(now_ns - last_ns_);
  last_ns_ = now_ns;
}

}  // namespace aihost::bench
