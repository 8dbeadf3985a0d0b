// Help and usage errors of the command line.
#include "audio/media_type.hpp"
#include "subprocess.hpp"

#include <catch2/catch.hpp>

using namespace aihost::testing;

TEST_CASE("help prints the commands and exits 0", "[cli][usage]") {
  auto r = run({aihost_binary(), "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("plugins check") &&
                        Catch::Contains("invoke") && Catch::Contains("serve"));
  for (const char* command : {"plugins", "invoke", "serve"}) {
    auto help = run({aihost_binary(), command, "--help"});
    INFO(command);
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out,
               Catch::StartsWith(std::string("usage: aihost ") + command));
  }
}

TEST_CASE("unknown commands, flags and missing arguments exit 2",
          "[cli][usage]") {
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"frobnicate"},
      {"plugins"},
      {"plugins", "list"},
      {"plugins", "check", "--verbose"},
      {"plugins", "check", "--registry"},
      {"invoke", "c-echo"},
      {"invoke", "c-echo", "llm.chat", "--api-key", "a", "--api-key-file", "b"},
      {"invoke", "c-echo", "llm.chat", "--timeout-ms", "soon"},
      {"invoke", "c-echo", "llm.chat", "--config", "{not json"},
      {"invoke", "c-echo", "llm.chat", "--config", "[1]"},
      {"invoke", "c-echo", "llm.chat", "--input", "/nonexistent/params.json"},
      {"invoke", "c-echo", "llm.chat", "--audio-type", "audio/wav"},
      {"serve", "--listen", "nowhere"},
      {"serve", "--listen", "127.0.0.1:99999"},
      {"serve", "extra"},
  };
  for (const auto& extra : cases) {
    std::vector<std::string> args = {aihost_binary()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string shown;
    for (const auto& a : extra) shown += a + " ";
    INFO(shown);
    auto r = run(args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("usage: aihost"));
    CHECK(r.out.empty());
  }
}

TEST_CASE("audio types follow the file extension", "[cli][usage]") {
  using aihost::audio::audio_type_for;
  CHECK(audio_type_for("call.wav") == std::optional<std::string>("audio/wav"));
  CHECK(audio_type_for("CALL.MP3") == std::optional<std::string>("audio/mpeg"));
  CHECK(audio_type_for("a.flac") == std::optional<std::string>("audio/flac"));
  CHECK(audio_type_for("a.ogg") == std::optional<std::string>("audio/ogg"));
  CHECK(audio_type_for("a.m4a") == std::optional<std::string>("audio/mp4"));
  CHECK(audio_type_for("a.webm") == std::optional<std::string>("audio/webm"));
  CHECK_FALSE(audio_type_for("notes.txt"));
  CHECK_FALSE(audio_type_for("noextension"));
}
