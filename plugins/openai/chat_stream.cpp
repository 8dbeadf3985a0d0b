#include "chat_stream.hpp"

#include "chat_response.hpp"
#include "errors.hpp"

namespace aihost::openai {
namespace {

using sdk::Error;
using sdk::json;

const std::string* text_at(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? &it->get_ref<const std::string&>()
                                            : nullptr;
}

}  // namespace

ChatStream::ChatStream(bool structured, std::string_view api_key,
                       sdk::EventFn emit)
    : structured_(structured), api_key_(api_key), emit_(std::move(emit)) {
  result_.provider = kProvider;
}

bool ChatStream::feed(std::string_view bytes) {
  if (done_ || consumer_gone_) return !consumer_gone_;
  parser_.feed(bytes, [this](std::string_view data) { return on_data(data); });
  return !consumer_gone_;
}

bool ChatStream::on_data(std::string_view data) {
  if (done_) return false;
  if (data == "[DONE]") {
    done_ = true;
    return false;
  }
  json chunk = sdk::parse_json_or_discard(data);
  if (!chunk.is_object())
    throw Error(AIHOST_UPSTREAM_PROTOCOL,
                "OpenAI stream chunk is not a JSON object");
  if (auto err = chunk.find("error"); err != chunk.end() && !err->is_null())
    throw stream_error(*err, api_key_);
  ++chunks_;
  if (auto* id = text_at(chunk, "id")) result_.response_id = *id;
  if (auto* model = text_at(chunk, "model")) result_.model = *model;
  if (auto usage = chunk.find("usage");
      usage != chunk.end() && usage->is_object()) {
    result_.usage = parse_chat_usage(*usage);
    saw_usage_ = true;
  }
  auto choices = chunk.find("choices");
  if (choices == chunk.end() || !choices->is_array() || choices->empty())
    return true;  // the usage chunk has choices: []
  const json& choice = (*choices)[0];
  if (!choice.is_object()) return true;

  json event = {{"type", "delta"}};
  if (auto delta = choice.find("delta");
      delta != choice.end() && delta->is_object()) {
    if (auto* c = text_at(*delta, "content"); c && !c->empty()) {
      content_ += *c;
      saw_content_ = true;
      event["content"] = *c;
    }
    if (auto* r = text_at(*delta, "refusal"); r && !r->empty()) {
      refusal_ += *r;
      saw_refusal_ = true;
      event["refusal"] = *r;
    }
  }
  if (auto* fr = text_at(choice, "finish_reason")) {
    result_.finish_reason = *fr;
    event["finish_reason"] = *fr;
  }
  if (event.size() == 1) return true;  // e.g. the role-only first chunk
  ++deltas_;
  if (!emit_(event)) {
    consumer_gone_ = true;
    return false;
  }
  return true;
}

std::string ChatStream::cut_message() const {
  std::string msg = "OpenAI stream was cut before [DONE] after " +
                    std::to_string(chunks_) + " chunks (" +
                    std::to_string(content_.size()) +
                    " bytes of content received";
  msg += saw_usage_ ? ")" : ", no usage received)";
  return msg;
}

sdk::LlmResult ChatStream::finish() {
  if (saw_refusal_) result_.refusal = refusal_;
  // A refusal alone is content: null, as in the non-streamed answer.
  if (saw_content_ || !saw_refusal_) result_.content = content_;
  settle_structured(result_, structured_);
  return result_;
}

}  // namespace aihost::openai
