// The fake Presidio answers as the real services do (PROTOCOLS.md §3): the
// shapes, the code-point offsets, the operators and the error bodies.
#include "fakes/fake_presidio.hpp"
#include "fakes/fake_presidio_sha2.hpp"
#include "net/egress.hpp"

#include <catch2/catch.hpp>

using namespace aihost::fakes;
using json = nlohmann::json;

namespace {

json body_of(const FakeResponse& r) { return json::parse(r.body); }

}  // namespace

TEST_CASE("sha-2 digests match the FIPS 180-4 examples", "[fake][presidio]") {
  CHECK(sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha512_hex("abc") ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  // Two blocks.
  CHECK(sha256_hex(std::string(1000, 'a')) ==
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST_CASE("the analyzer reports code-point offsets", "[fake][presidio]") {
  // 😀 is one code point; é and ë one each.
  auto r = presidio_analyze(
      {{"text", "😀é Zoë Kowalski: a@b.co"}, {"language", "en"}}, false);
  REQUIRE(r.status == 200);
  json list = body_of(r);
  REQUIRE(list.size() == 2);
  json email, person;
  for (const auto& x : list)
    (x["entity_type"] == "EMAIL_ADDRESS" ? email : person) = x;
  CHECK(person == json{{"entity_type", "PERSON"},
                       {"start", 3},
                       {"end", 15},
                       {"score", kPersonScore},
                       {"analysis_explanation", nullptr}});
  CHECK(email["start"] == 17);
  CHECK(email["end"] == 23);
  // Python's json.dumps escapes non-ASCII; nothing here is, but keys are
  // sorted.
  CHECK(r.body.find("\"analysis_explanation\"") < r.body.find("\"end\""));
}

TEST_CASE("the analyzer's batch mode answers a list per text",
          "[fake][presidio]") {
  auto r = presidio_analyze(
      {{"text", {"John Smith", "", "call 415-555-0134"}}, {"language", "en"}},
      false);
  REQUIRE(r.status == 200);
  json lists = body_of(r);
  REQUIRE(lists.size() == 3);
  CHECK(lists[0].size() == 1);
  CHECK(lists[1].empty());
  CHECK(lists[2][0]["entity_type"] == "PHONE_NUMBER");
}

TEST_CASE("the analyzer filters and thresholds", "[fake][presidio]") {
  json base = {{"text", "Jane Doe, 4111 1111 1111 1111, 020 7946 0958"},
               {"language", "en"}};
  auto all = body_of(presidio_analyze(base, false));
  CHECK(all.size() == 4);  // Jane, Jane Doe, card, phone
  json only = base;
  only["entities"] = {"CREDIT_CARD"};
  auto cards = body_of(presidio_analyze(only, false));
  REQUIRE(cards.size() == 1);
  CHECK(cards[0]["entity_type"] == "CREDIT_CARD");
  json strong = base;
  strong["score_threshold"] = 0.8;
  for (const auto& x : body_of(presidio_analyze(strong, false)))
    CHECK(x["score"].get<double>() >= 0.8);
  // 16 digits failing the Luhn check are no card.
  auto not_card = body_of(presidio_analyze(
      {{"text", "4111 1111 1111 1112"}, {"language", "en"}}, false));
  CHECK(not_card.empty());
}

TEST_CASE("the analyzer's input errors are 500s with Presidio's messages",
          "[fake][presidio]") {
  auto e = [](const json& req) {
    auto r = presidio_analyze(req, false);
    return std::make_pair(r.status, body_of(r)["error"].get<std::string>());
  };
  CHECK(e(json::object()) ==
        std::make_pair(500, std::string("No text provided")));
  CHECK(e({{"language", "en"}}).second == "No text provided");
  CHECK(e({{"text", "x"}}) ==
        std::make_pair(500, std::string("No language provided")));
  CHECK(e({{"text", "x"}, {"language", "zz"}}).second ==
        "No matching recognizers were found to serve the request.");
  CHECK(e({{"text", "x"}, {"language", "en"}, {"entities", {"NOPE"}}}).second ==
        "No matching recognizers were found to serve the request.");
  CHECK(
      e({{"text", "x"}, {"language", "en"}, {"score_threshold", "hi"}}).first ==
      400);
}

TEST_CASE("the anonymizer merges, resolves and reverses", "[fake][presidio]") {
  json req = {
      {"text", "Ring Jane Doe at 020 7946 0958 today"},
      {"analyzer_results",
       {{{"entity_type", "PERSON"}, {"start", 5}, {"end", 9}, {"score", 0.6}},
        {{"entity_type", "PERSON"}, {"start", 5}, {"end", 13}, {"score", 0.85}},
        {{"entity_type", "PHONE_NUMBER"},
         {"start", 17},
         {"end", 30},
         {"score", 0.75}},
        // contained in the phone number: dropped
        {{"entity_type", "US_BANK_NUMBER"},
         {"start", 21},
         {"end", 25},
         {"score", 0.9}}}},
      {"anonymizers",
       {{"DEFAULT", {{"type", "replace"}, {"new_value", "X"}}},
        {"PHONE_NUMBER",
         {{"type", "mask"},
          {"masking_char", "*"},
          {"chars_to_mask", 6},
          {"from_end", true}}}}}};
  auto r = presidio_anonymize(req);
  REQUIRE(r.status == 200);
  json b = body_of(r);
  CHECK(b["text"] == "Ring X at 020 794****** today");
  CHECK(b["items"] == json{{{"operator", "mask"},
                            {"entity_type", "PHONE_NUMBER"},
                            {"start", 10},
                            {"end", 23},
                            {"text", "020 794******"}},
                           {{"operator", "replace"},
                            {"entity_type", "PERSON"},
                            {"start", 5},
                            {"end", 6},
                            {"text", "X"}}});
}

TEST_CASE("the anonymizer's operators on code points", "[fake][presidio]") {
  json results = {
      {{"entity_type", "PERSON"}, {"start", 2}, {"end", 5}, {"score", 0.9}}};
  auto run = [&](const json& op) {
    return presidio_anonymize({{"text", "😀 王小明!"},
                               {"analyzer_results", results},
                               {"anonymizers", {{"DEFAULT", op}}}});
  };
  CHECK(body_of(run({{"type", "replace"}}))["text"] == "😀 <PERSON>!");
  CHECK(body_of(run({{"type", "redact"}}))["text"] == "😀 !");
  CHECK(body_of(run({{"type", "mask"},
                     {"masking_char", "•"},
                     {"chars_to_mask", 2},
                     {"from_end", false}}))["text"] == "😀 ••明!");
  std::string salt = "0123456789abcdef";
  CHECK(body_of(run({{"type", "hash"}, {"salt", salt}}))["text"] ==
        "😀 " + sha256_hex("王小明" + salt) + "!");
  json item = body_of(run({{"type", "redact"}}))["items"][0];
  CHECK(item["start"] == 2);
  CHECK(item["end"] == 2);
}

TEST_CASE("the anonymizer's refusals", "[fake][presidio]") {
  json results = {
      {{"entity_type", "PERSON"}, {"start", 0}, {"end", 4}, {"score", 0.9}}};
  auto run = [&](const json& op) {
    return presidio_anonymize({{"text", "Jane"},
                               {"analyzer_results", results},
                               {"anonymizers", {{"DEFAULT", op}}}});
  };
  auto custom = run({{"type", "custom"}});
  CHECK(custom.status == 400);
  CHECK(body_of(custom)["error"] == "Custom type anonymizer is not supported");
  CHECK(run({{"type", "mask"}, {"masking_char", "ab"}, {"chars_to_mask", 1}})
            .status == 422);
  CHECK(run({{"type", "mask"}, {"masking_char", "*"}, {"chars_to_mask", "1"}})
            .status == 422);
  CHECK(run({{"type", "hash"}, {"salt", "short"}}).status == 422);
  CHECK(run({{"type", "hash"}, {"hash_type", "md5"}}).status == 422);
  auto empty = presidio_anonymize(json::object());
  CHECK(empty.status == 400);
  CHECK(body_of(empty)["error"] == "Invalid request json");
  auto beyond =
      presidio_anonymize({{"text", "Jo"}, {"analyzer_results", results}});
  CHECK(beyond.status == 422);
  auto nothing =
      presidio_anonymize({{"text", ""}, {"analyzer_results", json::array()}});
  CHECK(body_of(nothing) == json{{"text", ""}, {"items", json::array()}});
}

namespace {

struct Answer {
  int status = 0;
  std::string body;
};

Answer send(const std::string& method, const std::string& url,
            const std::string& content_type, const std::string& body) {
  aihost::net::UpstreamPolicy policy;
  policy.max_retries = 0;
  policy.read_timeout_ms = 2000;
  aihost::net::Egress egress(policy);
  aihost::net::Request req;
  req.method = method;
  req.url = url;
  if (!content_type.empty())
    req.headers.push_back({"Content-Type", content_type});
  req.body = body;
  Answer a;
  aihost::net::Sink sink;
  sink.on_head = [&](int status, const std::vector<aihost::net::Header>&) {
    a.status = status;
    return true;
  };
  sink.on_body = [&](std::string_view chunk) {
    a.body.append(chunk);
    return true;
  };
  REQUIRE_FALSE(egress.send(req, sink, {}).has_value());
  return a;
}

}  // namespace

TEST_CASE("the services check the HTTP envelope", "[fake][presidio]") {
  FakePresidio presidio;
  const std::string an = presidio.analyzer_url();
  const std::string anon = presidio.anonymizer_url();
  const std::string good = R"({"text":"John Smith","language":"en"})";

  auto ok = send("POST", an + "/analyze", "application/json", good);
  CHECK(ok.status == 200);
  CHECK(json::parse(ok.body).size() == 1);

  CHECK(send("POST", an + "/analyse", "application/json", good).status == 404);
  CHECK(send("GET", an + "/analyze", "", "").status == 405);
  auto wrong_type = send("POST", an + "/analyze", "text/plain", good);
  CHECK(wrong_type.status == 415);
  CHECK_THAT(json::parse(wrong_type.body)["error"].get<std::string>(),
             Catch::Contains("Content-Type was not 'application/json'"));
  auto broken = send("POST", anon + "/anonymize", "application/json",
                     R"({"text": "x", "anonymizers": {},})");
  CHECK(broken.status == 400);
  CHECK(json::parse(broken.body)["error"] ==
        "The browser (or proxy) sent a request that this server could not "
        "understand.");
  CHECK(send("POST", anon + "/analyze", "application/json", good).status ==
        404);
  auto health = send("GET", anon + "/health", "", "");
  CHECK(health.body == "Presidio Anonymizer service is up");

  // Scripted faults come first, then the service answers for itself.
  presidio.script(FakePresidio::Service::kAnalyzer,
                  presidio_error(503, "busy"));
  CHECK(send("POST", an + "/analyze", "application/json", good).status == 503);
  CHECK(send("POST", an + "/analyze", "application/json", good).status == 200);
  CHECK(presidio.bodies(FakePresidio::Service::kAnalyzer).size() == 6);
}
