// Per-channel transcripts merged onto one timeline with channel and role on
// every turn.
#include "audio/transcript_merge.hpp"

#include <catch2/catch.hpp>

using namespace aihost;
using audio::ChannelRoles;

namespace {

sdk::Segment seg(double start, double end, std::string text,
                 std::optional<int> speaker = std::nullopt) {
  sdk::Segment s;
  s.start = start;
  s.end = end;
  s.text = std::move(text);
  s.speaker = speaker;
  sdk::Word w;
  w.word = s.text;
  w.start = start;
  w.end = end;
  s.words.push_back(w);
  return s;
}

sdk::Transcript part(std::vector<sdk::Segment> segs, double duration,
                     std::string text) {
  sdk::Transcript t;
  t.provider = "deepgram";
  t.model = "general-nova-3";
  t.text = std::move(text);
  t.duration = duration;
  t.usage.audio_seconds = duration;
  t.usage.requests = 1;
  for (auto& s : segs)
    t.words.insert(t.words.end(), s.words.begin(), s.words.end());
  t.segments = std::move(segs);
  return t;
}

}  // namespace

TEST_CASE("merge orders turns by time and labels channel and role", "[merge]") {
  auto agent = part({seg(0.5, 1.9, "Thanks for calling.", 0),
                     seg(4.0, 5.0, "Let me check.", 0)},
                    6.0, "Thanks for calling. Let me check.");
  agent.language = "en";
  agent.language_confidence = 0.9;
  agent.speakers = {0};
  auto customer =
      part({seg(2.2, 3.6, "My order is late.", 1), seg(4.0, 4.4, "Sure.", 0)},
           6.5, "My order is late. Sure.");
  customer.speakers = {0, 1};

  sdk::Transcript m = audio::merge_channel_transcripts({agent, customer},
                                                       {"agent", "customer"});
  REQUIRE(m.segments.size() == 4);
  std::vector<std::string> order;
  for (const auto& s : m.segments) order.push_back(s.text);
  // 4.0 is a tie: channel 0 first.
  CHECK(order == std::vector<std::string>{"Thanks for calling.",
                                          "My order is late.", "Let me check.",
                                          "Sure."});
  std::vector<int> channels, ids;
  for (const auto& s : m.segments) {
    REQUIRE(s.channel);
    REQUIRE(s.role);
    CHECK(*s.role == (*s.channel == 0 ? "agent" : "customer"));
    channels.push_back(*s.channel);
    ids.push_back(s.id);
    for (const auto& w : s.words) CHECK(w.channel == s.channel);
  }
  CHECK(channels == std::vector<int>{0, 1, 0, 1});
  CHECK(ids == std::vector<int>{0, 1, 2, 3});

  REQUIRE(m.words.size() == 4);
  CHECK(m.words[1].word == "My order is late.");
  CHECK(m.words[1].channel == 1);
  CHECK(m.text ==
        "Thanks for calling.\nMy order is late.\nLet me check.\nSure.");
  CHECK(m.duration == 6.5);
  CHECK(m.usage.audio_seconds == Approx(12.5));
  CHECK(m.usage.requests == 2);
  CHECK(m.language == "en");
  CHECK(m.language_confidence == 0.9);
  CHECK(m.provider == "deepgram");
  CHECK(m.speakers == std::vector<int>{0, 1});
  REQUIRE(m.channels.size() == 2);
  CHECK(m.channels[0].index == 0);
  CHECK(m.channels[0].role == "agent");
  CHECK(m.channels[0].text == "Thanks for calling. Let me check.");
  CHECK(m.channels[1].role == "customer");
}

TEST_CASE("roles follow the configured channel assignment", "[merge]") {
  auto a = part({seg(1, 2, "hello")}, 3, "hello");
  auto b = part({seg(0, 1, "hi")}, 3, "hi");
  auto m = audio::merge_channel_transcripts({a, b}, {"customer", "agent"});
  REQUIRE(m.segments.size() == 2);
  CHECK(m.segments[0].text == "hi");
  CHECK(m.segments[0].role == "agent");
  CHECK(m.segments[1].role == "customer");
  CHECK(m.channels[0].role == "customer");
}

TEST_CASE("a silent channel leaves only the other's turns", "[merge]") {
  auto a = part({}, 2, "");
  auto b = part({seg(0.2, 0.8, "anyone there?")}, 2, "anyone there?");
  auto m = audio::merge_channel_transcripts({a, b}, {"agent", "customer"});
  CHECK(m.text == "anyone there?");
  REQUIRE(m.segments.size() == 1);
  CHECK(m.segments[0].channel == 1);
  CHECK(m.channels.size() == 2);
  CHECK(m.channels[0].text.empty());
}

TEST_CASE("labelling refuses turns without a channel or role", "[merge]") {
  ChannelRoles roles{"agent", "customer"};
  auto t = part({seg(0, 1, "x")}, 1, "x");
  CHECK_THROWS_AS(audio::label_channels(t, roles), audio::TranscriptShapeError);
  t.segments[0].channel = 2;
  t.words[0].channel = 0;
  CHECK_THROWS_WITH(audio::label_channels(t, roles),
                    Catch::Contains("channel 2 has no role"));
  t.segments[0].channel = 1;
  t.words[0].channel.reset();
  CHECK_THROWS_WITH(audio::label_channels(t, roles),
                    Catch::Contains("word 0 has no channel"));
  t.words[0].channel = 1;
  audio::label_channels(t, roles);
  CHECK(t.segments[0].role == "customer");
  CHECK(t.segments[0].words[0].channel == 1);
}
