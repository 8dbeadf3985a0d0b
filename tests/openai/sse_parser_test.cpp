// SSE framing: whatever the network chunking, the same events come out.
#include "sse_parser.hpp"

#include <aihost/plugin.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

using aihost::openai::SseParser;

namespace {

std::vector<std::string> parse_in_pieces(const std::string& wire,
                                         size_t piece) {
  SseParser p;
  std::vector<std::string> events;
  auto on = [&](std::string_view d) {
    events.emplace_back(d);
    return true;
  };
  for (size_t i = 0; i < wire.size(); i += piece)
    p.feed(std::string_view(wire).substr(i, piece), on);
  return events;
}

}  // namespace

TEST_CASE("events come out the same for every chunk size", "[openai][sse]") {
  const std::string wire =
      ": keep-alive comment\r\n"
      "data: {\"a\":1}\r\n\r\n"
      "event: ignored\n"
      "id: 7\n"
      "data:{\"b\":2}\n\n"
      "data: line one\n"
      "data: line two\n\n"
      "\n\n"  // blank lines without data dispatch nothing
      "data: [DONE]\r\r";
  const std::vector<std::string> expected = {"{\"a\":1}", "{\"b\":2}",
                                             "line one\nline two", "[DONE]"};
  for (size_t piece = 1; piece <= wire.size(); ++piece) {
    INFO("piece size " << piece);
    CHECK(parse_in_pieces(wire, piece) == expected);
  }
}

TEST_CASE("a CRLF split between chunks ends one line, not two",
          "[openai][sse]") {
  SseParser p;
  std::vector<std::string> events;
  auto on = [&](std::string_view d) {
    events.emplace_back(d);
    return true;
  };
  p.feed("data: x\r", on);
  p.feed("\ndata: y\r", on);
  p.feed("\n\r", on);
  p.feed("\n", on);
  CHECK(events == std::vector<std::string>{"x\ny"});
  CHECK_FALSE(p.mid_event());
}

TEST_CASE("an unfinished event is reported as pending", "[openai][sse]") {
  SseParser p;
  int n = 0;
  p.feed("data: {\"partial\":", [&](std::string_view) { return ++n, true; });
  CHECK(n == 0);
  CHECK(p.mid_event());
}

TEST_CASE("the callback can stop parsing", "[openai][sse]") {
  SseParser p;
  std::vector<std::string> events;
  bool more = p.feed("data: 1\n\ndata: 2\n\n", [&](std::string_view d) {
    events.emplace_back(d);
    return false;
  });
  CHECK_FALSE(more);
  CHECK(events == std::vector<std::string>{"1"});
}

TEST_CASE("an endless line is refused, not buffered forever", "[openai][sse]") {
  SseParser p;
  std::string big(SseParser::kMaxEventBytes + 1, 'x');
  CHECK_THROWS_AS(p.feed(big, [](std::string_view) { return true; }),
                  aihost::sdk::Error);
}
