// How a transcript reads to the model.
#include "pipelines/transcript_text.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using pipelines::clock_time;
using pipelines::render_transcript;

TEST_CASE("times read as mm:ss, and h:mm:ss from an hour on", "[text]") {
  CHECK(clock_time(0) == "00:00");
  CHECK(clock_time(65.9) == "01:05");
  CHECK(clock_time(3599.99) == "59:59");
  CHECK(clock_time(3600) == "1:00:00");
  CHECK(clock_time(-3) == "00:00");
}

TEST_CASE("one line per turn with who speaks", "[text]") {
  sdk::Transcript t;
  t.text = "ignored when there are segments";
  sdk::Segment a;
  a.start = 1.2;
  a.role = "agent";
  a.text = " Hello,\nhow can I help?";
  sdk::Segment b;
  b.start = 75;
  b.speaker = 1;
  b.text = "My order.";
  sdk::Segment c;
  c.start = 80;
  c.channel = 0;
  c.text = "Sure.";
  sdk::Segment silent;
  silent.start = 81;
  silent.text = "  ";
  sdk::Segment d;
  d.start = 82;
  d.text = "Bye.";
  t.segments = {a, b, c, silent, d};
  CHECK(render_transcript(t) ==
        "[00:01] Agent: Hello, how can I help?\n"
        "[01:15] Speaker 2: My order.\n"
        "[01:20] Channel 1: Sure.\n"
        "[01:22] Speaker: Bye.");
  t.segments.clear();
  CHECK(render_transcript(t) == "ignored when there are segments");
}
