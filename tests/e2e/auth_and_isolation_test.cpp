// Who may call what: tenant keys, the admin token, and one tenant's attempts
// on another's jobs, each refused with a stable code.
#include "e2e_stack.hpp"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <catch2/catch.hpp>

using namespace aihost::testing;
using nlohmann::json;

TEST_CASE("tenant routes want a live tenant key; admin routes the admin token",
          "[e2e][auth]") {
  Stack stack;
  const std::string key = stack.create_tenant("acme");

  CHECK(stack.get("/v1/jobs", "").code() == "missing_api_key");
  CHECK(stack.get("/v1/jobs", "").status == 401);
  CHECK(stack.get("/v1/jobs", "aih_nosuchkey_000").code() == "invalid_api_key");
  CHECK(stack.get("/v1/jobs", kAdminToken).status == 401);
  auto basic = stack.call(
      {"GET", "/v1/jobs", "", "", "", {{"Authorization", "Basic YTpi"}}});
  CHECK(basic.code() == "invalid_authorization");
  CHECK(stack.get("/v1/jobs", key).status == 200);

  auto as_tenant = stack.get("/admin/v1/tenants", key);
  CHECK(as_tenant.status == 403);
  CHECK(as_tenant.code() == "admin_required");
  CHECK(stack.get("/admin/v1/tenants", "").status == 401);
  CHECK(stack.get("/admin/v1/tenants", "not-the-admin-token-at-all-x").code() ==
        "invalid_admin_token");

  // Every error carries the request id the response header names.
  auto err = stack.get("/v1/jobs", "");
  CHECK(err.json["error"]["request_id"] == err.header("X-Request-Id"));

  // A revoked key stops working (the cache is told).
  auto keys = stack.admin("GET", "/admin/v1/tenants/acme/keys");
  REQUIRE(keys.status == 200);
  const auto key_id = keys.json["data"][0]["id"].get<int64_t>();
  REQUIRE(stack
              .admin("DELETE",
                     "/admin/v1/tenants/acme/keys/" + std::to_string(key_id))
              .status == 200);
  CHECK(stack.get("/v1/jobs", key).code() == "invalid_api_key");
}

TEST_CASE("one tenant never sees or touches another's jobs",
          "[e2e][isolation]") {
  Stack stack;
  const std::string a = stack.create_tenant("tenant-a");
  const std::string b = stack.create_tenant("tenant-b");

  auto created = stack.post_json(
      "/v1/redactions", {{"text", "my email is ann.lee@example.com"}}, a);
  INFO(created.text);
  REQUIRE((created.status == 202 || created.status == 200));
  const std::string id = created.json["id"];

  CHECK(stack.get("/v1/jobs/" + id, b).status == 404);
  CHECK(stack.get("/v1/jobs/" + id, b).code() == "job_not_found");
  CHECK(stack.call({"POST", "/v1/jobs/" + id + "/cancel", "", "", b, {}})
            .code() == "job_not_found");
  CHECK(stack.get("/v1/jobs", b).json["data"].empty());
  CHECK(stack.get("/v1/jobs", a).json["data"].size() == 1);
  CHECK(stack.get("/v1/jobs/" + id, a).status == 200);
}

TEST_CASE("bad input is refused with a clear code and nothing is stored",
          "[e2e][input]") {
  Stack stack({aihost::storage::Engine::kSqlite,
               1,
               30,
               {{"AI_MAX_UPLOAD_BYTES", "200000"}}});
  const std::string key = stack.create_tenant("acme");

  auto malformed = stack.call(
      {"POST", "/v1/redactions", "{\"text\": ", "application/json", key, {}});
  CHECK(malformed.status == 400);
  CHECK(malformed.code() == "invalid_json");

  auto wrong_type = stack.post_json("/v1/redactions", {{"text", 42}}, key);
  CHECK(wrong_type.status == 400);
  CHECK(wrong_type.code() == "invalid_request");
  CHECK_THAT(wrong_type.json["error"]["message"].get<std::string>(),
             Catch::Contains("text"));

  auto not_json =
      stack.call({"POST", "/v1/redactions", "text=hi", "text/plain", key, {}});
  CHECK(not_json.status == 415);

  auto chat_types =
      stack.post_json("/v1/chat/completions",
                      {{"model", "gpt-4o-mini"}, {"messages", "hi"}}, key);
  CHECK(chat_types.status == 400);
  CHECK_THAT(chat_types.json["error"]["message"].get<std::string>(),
             Catch::Contains("messages"));

  // Over the upload limit: refused from the headers alone, before any of
  // the body is read (the client has not even sent it).
  {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress(
        "127.0.0.1", static_cast<Poco::UInt16>(stack.port())));
    const std::string head =
        "POST /v1/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer " +
        key + "\r\nContent-Type: audio/wav\r\nContent-Length: 300000\r\n\r\n";
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    std::string answer;
    char buffer[4096];
    for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
      answer.append(buffer, static_cast<size_t>(n));
    CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
    CHECK_THAT(answer, Catch::Contains("payload_too_large"));
  }

  // Broken audio: a WAV header that lies about its size.
  std::string broken = "RIFF";
  broken += std::string("\x24\0\0\0", 4) + "WAVEfmt " + std::string(8, '\x01');
  auto bad_audio =
      stack.call({"POST", "/v1/transcriptions", broken, "audio/wav", key, {}});
  CHECK(bad_audio.status == 400);
  CHECK(bad_audio.code() == "audio_invalid");

  auto unknown_task =
      stack.post_json("/v1/analyses/horoscope", {{"text", "hi"}}, key);
  CHECK(unknown_task.status == 404);

  auto bad_wait = stack.call({"POST",
                              "/v1/redactions?wait=forever",
                              json({{"text", "x"}}).dump(),
                              "application/json",
                              key,
                              {}});
  CHECK(bad_wait.status == 400);

  // None of the refusals left a job behind.
  CHECK(stack.get("/v1/jobs", key).json["data"].empty());
  const auto nope = stack.get("/v1/nope", key);
  CHECK(nope.status == 404);
  CHECK(nope.reason == "Not Found");  // the phrase matches the code
  const auto wrong_method = stack.call({"DELETE", "/v1/jobs", "", "", key, {}});
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.reason == "Method Not Allowed");
}
