// The real aihost-local-pii.so, loaded and called through the host's loader
// and ProviderInstance, with no upstream and no network.
#include "plugins/plugin_library.hpp"
#include "plugins/provider_instance.hpp"

#include <catch2/catch.hpp>

#include <dlfcn.h>

using namespace aihost;
using json = nlohmann::json;

namespace {

std::shared_ptr<plugins::PluginLibrary> library() {
  static auto lib =
      plugins::PluginLibrary::load(AIHOST_PLUGIN_DIR "/aihost-local-pii.so");
  return lib;
}

plugins::Outcome redact(const json& params,
                        const json& config = json::object()) {
  plugins::ProviderInstance inst(library(), config, nullptr);
  plugins::Invocation call;
  call.operation = "pii.redact";
  call.params = params;
  return inst.invoke(call);
}

}  // namespace

TEST_CASE("the plugin loads and offers pii.redact only", "[plugin]") {
  auto lib = library();
  CHECK(lib->id() == "local-pii");
  CHECK(lib->offers("pii.redact"));
  CHECK_FALSE(lib->offers("llm.chat"));
  CHECK_FALSE(lib->offers("audio.transcribe"));
  // Only the entry symbol is exported.
  void* h =
      dlopen(AIHOST_PLUGIN_DIR "/aihost-local-pii.so", RTLD_NOW | RTLD_NOLOAD);
  REQUIRE(h != nullptr);
  CHECK(dlsym(h, "aihost_plugin_entry") != nullptr);
  CHECK(dlsym(h,
              "_ZN6aihost9local_pii7analyzeESt17basic_string_viewIcSt11char_"
              "traitsIcEERKNS0_14AnalyzeOptionsE") == nullptr);
  dlclose(h);
}

TEST_CASE("a spoken card number is redacted with no network and no base_url",
          "[plugin]") {
  const std::string text =
      "yeah so my card is four one one one, one one one one, one one one one, "
      "one one one one and my email is ana dot ruiz at example dot com";
  auto out = redact({{"text", text}});
  REQUIRE(out.ok());
  const json& r = out.result;
  CHECK(r["provider"] == "local-pii");
  CHECK(r["text"] ==
        "yeah so my card is <CREDIT_CARD> and my email is <EMAIL_ADDRESS>");
  REQUIRE(r["entities"].size() == 2);
  const json& card = r["entities"][0];
  CHECK(card["entity_type"] == "CREDIT_CARD");
  CHECK(text.substr(card["start"],
                    card["end"].get<size_t>() - card["start"].get<size_t>()) ==
        "four one one one, one one one one, one one one one, one one one one");
  CHECK(r["text"].get<std::string>().substr(
            card["out_start"],
            card["out_end"].get<size_t>() - card["out_start"].get<size_t>()) ==
        "<CREDIT_CARD>");
  CHECK(card["score"].get<double>() == Approx(1.0));
  CHECK(card["recognizer"] == "CreditCardRecognizer+SpokenNormalizer");
  CHECK(card["operator"] == "replace");
  CHECK(r["entities"][1]["entity_type"] == "EMAIL_ADDRESS");
  CHECK(r["usage"]["characters"] == text.size());
  CHECK(r["segments"].empty());
}

TEST_CASE("segments are redacted one by one and keep their timings",
          "[plugin][segments]") {
  json segments = json::array({
      {{"id", 0},
       {"start", 0.0},
       {"end", 2.5},
       {"text", "hi this is dana speaking"},
       {"speaker", 0},
       {"role", "agent"}},
      {{"id", 1},
       {"start", 2.5},
       {"end", 7.25},
       {"text", "my social is one two three, four five, six seven eight nine"},
       {"speaker", 1},
       {"channel", 1},
       {"role", "customer"}},
      {{"id", 2}, {"start", 7.25}, {"end", 9.0}, {"text", "thanks"}},
  });
  auto out = redact({{"segments", segments},
                     {"method", "mask"},
                     {"masking_char", "X"},
                     {"chars_to_mask", 4},
                     {"from_end", true}});
  REQUIRE(out.ok());
  const json& segs = out.result["segments"];
  REQUIRE(segs.size() == 3);
  CHECK(out.result["text"] == "");
  CHECK(out.result["entities"].empty());
  CHECK(segs[0]["text"] == "hi this is XXXX speaking");
  CHECK(segs[0]["start"] == 0.0);
  CHECK(segs[0]["end"] == 2.5);
  CHECK(segs[0]["role"] == "agent");
  CHECK(segs[1]["start"] == 2.5);
  CHECK(segs[1]["end"] == 7.25);
  CHECK(segs[1]["speaker"] == 1);
  CHECK(segs[1]["channel"] == 1);
  REQUIRE(segs[1]["entities"].size() == 1);
  const json& ssn = segs[1]["entities"][0];
  CHECK(ssn["entity_type"] == "US_SSN");
  CHECK(ssn["start"] == 13);  // offsets within this segment's text
  CHECK(ssn["end"] == segments[1]["text"].get<std::string>().size());
  CHECK(ssn["operator"] == "mask");
  CHECK(segs[1]["text"] ==
        "my social is one two three, four five, six seven eight XXXX");
  CHECK(segs[2]["text"] == "thanks");
  CHECK(segs[2]["entities"].empty());
  CHECK(out.result["usage"]["characters"] == 24 + 59 + 6);
}

TEST_CASE("entity filter, threshold and the hash operator", "[plugin]") {
  const std::string text = "card 4111 1111 1111 1111, it is 415 555 0123";
  auto only_phone = redact({{"text", text}, {"entities", {"PHONE_NUMBER"}}});
  REQUIRE(only_phone.ok());
  CHECK(only_phone.result["text"] ==
        "card 4111 1111 1111 1111, it is <PHONE_NUMBER>");

  auto strict = redact({{"text", text}, {"score_threshold", 0.99}});
  REQUIRE(strict.ok());
  CHECK(strict.result["text"] == "card <CREDIT_CARD>, it is 415 555 0123");

  json salted = {{"text", text},
                 {"method", "hash"},
                 {"hash_salt", "0123456789abcdef"},
                 {"hash_type", "sha512"}};
  auto h1 = redact(salted), h2 = redact(salted);
  REQUIRE(h1.ok());
  CHECK(h1.result["text"] == h2.result["text"]);
  const json& e = h1.result["entities"][0];
  CHECK(e["out_end"].get<size_t>() - e["out_start"].get<size_t>() == 128);
  // Without a salt every call draws a fresh one.
  auto u1 = redact({{"text", text}, {"method", "hash"}});
  auto u2 = redact({{"text", text}, {"method", "hash"}});
  REQUIRE(u1.ok());
  CHECK(u1.result["text"] != u2.result["text"]);

  auto red = redact({{"text", text}, {"method", "redact"}});
  CHECK(red.result["text"] == "card , it is ");
}

TEST_CASE("bad params get INVALID_ARGUMENT naming the field",
          "[plugin][errors]") {
  struct Case {
    json params;
    aihost_status status;
    const char* message;
  };
  const Case cases[] = {
      {json::object(), AIHOST_INVALID_ARGUMENT,
       "params.text or segments is required"},
      {{{"text", 5}}, AIHOST_INVALID_ARGUMENT, "params.text must be a string"},
      {{{"text", "a"}, {"segments", json::array()}},
       AIHOST_INVALID_ARGUMENT,
       "params.text and segments are exclusive"},
      {{{"segments", {{{"start", 0}, {"end", 1}}}}},
       AIHOST_INVALID_ARGUMENT,
       "params.segments[0].text is required"},
      {{{"segments", {{{"text", "x"}, {"end", 1}}}}},
       AIHOST_INVALID_ARGUMENT,
       "params.segments[0].start must be a number"},
      {{{"segments", {1}}},
       AIHOST_INVALID_ARGUMENT,
       "params.segments[0] must be an object"},
      {{{"text", "a"}, {"method", "encrypt"}},
       AIHOST_INVALID_ARGUMENT,
       "params.method must be one of replace, mask, redact, hash"},
      {{{"text", "a"}, {"masking_char", "ab"}},
       AIHOST_INVALID_ARGUMENT,
       "params.masking_char must be exactly one character"},
      {{{"text", "a"}, {"chars_to_mask", -1}},
       AIHOST_INVALID_ARGUMENT,
       "params.chars_to_mask must be a non-negative integer"},
      {{{"text", "a"}, {"from_end", "yes"}},
       AIHOST_INVALID_ARGUMENT,
       "params.from_end must be a boolean"},
      {{{"text", "a"}, {"hash_type", "md5"}},
       AIHOST_INVALID_ARGUMENT,
       "params.hash_type must be sha256 or sha512"},
      {{{"text", "a"}, {"score_threshold", 1.5}},
       AIHOST_INVALID_ARGUMENT,
       "params.score_threshold must be a number between 0 and 1"},
      {{{"text", "a"}, {"entities", "CREDIT_CARD"}},
       AIHOST_INVALID_ARGUMENT,
       "params.entities must be an array of strings"},
      {{{"text", "a"}, {"entities", {"credit card"}}},
       AIHOST_INVALID_ARGUMENT,
       "params.entities must be an array of entity type names"},
      {{{"text", "a"}, {"language", ""}},
       AIHOST_INVALID_ARGUMENT,
       "params.language must not be empty"},
      {{{"text", "a"}, {"language", "de"}},
       AIHOST_UNSUPPORTED,
       "params.language 'de' is not supported"},
  };
  for (const auto& c : cases) {
    INFO(c.params.dump());
    auto out = redact(c.params);
    CHECK(out.status == c.status);
    CHECK_THAT(out.message, Catch::StartsWith(c.message));
  }
}

TEST_CASE("config: base_url is optional and ignored", "[plugin][config]") {
  CHECK(redact({{"text", "x"}}, {{"base_url", "http://127.0.0.1:1"}}).ok());
  CHECK_THROWS_WITH(redact({{"text", "x"}}, {{"base_url", 7}}),
                    Catch::Contains("config.base_url must be a string"));
}

TEST_CASE("an oversized input is refused, not processed", "[plugin][errors]") {
  std::string big(33u << 20, 'a');
  auto out = redact({{"text", big}});
  CHECK(out.status == AIHOST_PAYLOAD_TOO_LARGE);
}
