// The WAV reader against hand-assembled RIFF files: every supported layout,
// the chunk rules real files exercise, and each way a file can be broken.
#include "audio/audio_error.hpp"
#include "audio/wav.hpp"
#include "test_signals.hpp"

#include <catch2/catch.hpp>

using namespace aihost::audio;
using namespace aihost::audio::testing;

namespace {

// The code and message of the AudioError `bytes` is refused with.
std::pair<std::string, std::string> refusal(const std::string& bytes) {
  try {
    parse_wav(bytes);
  } catch (const AudioError& e) {
    return {e.code(), e.what()};
  }
  return {"accepted", ""};
}

const std::string kFourFrames16 =
    le(1, 2) + le(0xFFFF, 2) + le(300, 2) + le(0x8000, 2);

}  // namespace

TEST_CASE("PCM 16-bit mono: format, samples and duration", "[wav]") {
  std::string bytes = riff(
      {chunk("fmt ", fmt_body(1, 1, 8000, 16)), chunk("data", kFourFrames16)});
  Wav w = parse_wav(bytes);
  CHECK(w.format.encoding == SampleEncoding::kPcm);
  CHECK(w.format.channels == 1);
  CHECK(w.format.sample_rate == 8000);
  CHECK(w.format.bits_per_sample == 16);
  CHECK_FALSE(w.format.extensible);
  CHECK(w.data == kFourFrames16);
  CHECK(w.frames() == 4);
  CHECK(w.duration_seconds() == Approx(4.0 / 8000));
}

TEST_CASE("PCM 8, 24 and 32-bit and IEEE float 32 and 64 are read", "[wav]") {
  struct Case {
    uint16_t tag, bits, channels;
    SampleEncoding encoding;
  };
  for (Case c : {Case{1, 8, 1, SampleEncoding::kPcm},
                 Case{1, 24, 2, SampleEncoding::kPcm},
                 Case{1, 32, 2, SampleEncoding::kPcm},
                 Case{3, 32, 2, SampleEncoding::kFloat},
                 Case{3, 64, 1, SampleEncoding::kFloat}}) {
    CAPTURE(c.tag, c.bits, c.channels);
    std::string samples(size_t{c.channels} * c.bits / 8 * 5, '\x11');
    std::string fmt = fmt_body(c.tag, c.channels, 44100, c.bits);
    if (c.tag == 3) fmt += le(0, 2);  // cbSize, as float files carry it
    std::string bytes = riff(
        {chunk("fmt ", fmt), chunk("fact", le(5, 4)), chunk("data", samples)});
    Wav w = parse_wav(bytes);
    CHECK(w.format.encoding == c.encoding);
    CHECK(w.format.bits_per_sample == c.bits);
    CHECK(w.format.channels == c.channels);
    CHECK(w.format.sample_rate == 44100);
    CHECK(w.frames() == 5);
    CHECK(w.data == samples);
  }
}

TEST_CASE("WAVE_FORMAT_EXTENSIBLE resolves its sub-format", "[wav]") {
  std::string samples(6 * 3 * 2, '\x22');
  Wav w = parse_wav(
      riff({chunk("fmt ", extensible_fmt_body(1, 2, 48000, 24, 20, 0x3)),
            chunk("data", samples)}));
  CHECK(w.format.extensible);
  CHECK(w.format.encoding == SampleEncoding::kPcm);
  CHECK(w.format.bits_per_sample == 24);
  CHECK(w.format.valid_bits == 20);
  CHECK(w.format.channel_mask == 0x3);
  CHECK(w.frames() == 6);

  Wav f = parse_wav(
      riff({chunk("fmt ", extensible_fmt_body(3, 1, 16000, 32, 32, 0x4)),
            chunk("data", std::string(8, '\0'))}));
  CHECK(f.format.encoding == SampleEncoding::kFloat);
  CHECK(f.frames() == 2);
}

TEST_CASE("unknown chunks are skipped, odd sizes padded", "[wav]") {
  // LIST before fmt, an odd-sized chunk with its pad byte between fmt and
  // data, and an odd-sized 8-bit data chunk followed by a trailing chunk.
  std::string list = chunk("LIST", "INFOISFT" + le(5, 4) + "aihos");
  std::string odd = chunk("junk", "abc");
  REQUIRE(odd.size() == 12);  // 8 + 3 + pad
  std::string data = "\x80\x81\x7f";
  std::string bytes = riff({list, chunk("fmt ", fmt_body(1, 1, 8000, 8)), odd,
                            chunk("data", data), chunk("id3 ", "tag!")});
  Wav w = parse_wav(bytes);
  CHECK(w.data == data);
  CHECK(w.frames() == 3);
}

TEST_CASE("an odd chunk without its pad byte at the end is accepted", "[wav]") {
  std::string bytes = riff({chunk("fmt ", fmt_body(1, 1, 8000, 8)),
                            chunk("data", "\x01\x02\x03", false)});
  CHECK(parse_wav(bytes).frames() == 3);
}

TEST_CASE("a data size of 0xFFFFFFFF means up to the end of the file",
          "[wav]") {
  std::string bytes = riff({chunk("fmt ", fmt_body(1, 1, 8000, 16))}) + "data" +
                      le(0xFFFFFFFFu, 4) + kFourFrames16;
  CHECK(parse_wav(bytes).data == kFourFrames16);
}

TEST_CASE("broken audio is refused with audio_invalid and a reason", "[wav]") {
  const std::string fmt16 = chunk("fmt ", fmt_body(1, 1, 8000, 16));
  const std::string data = chunk("data", kFourFrames16);
  struct Case {
    const char* name;
    std::string bytes;
    const char* why;
  };
  std::vector<Case> cases = {
      {"empty", "", "shorter than a RIFF header"},
      {"short", "RIFF\x04\0\0\0", "shorter than a RIFF header"},
      {"not RIFF", std::string("OggS").append(40, '\0'), "not a RIFF file"},
      {"not WAVE", riff({fmt16, data}, "AVI "), "form type is not WAVE"},
      {"truncated fmt",
       riff({}) + "fmt " + le(16, 4) + fmt_body(1, 1, 8000, 16).substr(0, 10),
       "chunk 'fmt ' declares 16 bytes but only 10 follow"},
      {"data beyond file", riff({fmt16}) + "data" + le(1000, 4) + kFourFrames16,
       "data chunk declares 1000 bytes but only 8 follow"},
      {"zero channels",
       riff({chunk("fmt ", fmt_body(1, 0, 8000, 16, 0)), data}),
       "zero channels"},
      {"zero rate", riff({chunk("fmt ", fmt_body(1, 1, 0, 16)), data}),
       "zero sample rate"},
      {"block align", riff({chunk("fmt ", fmt_body(1, 2, 8000, 16, 2)), data}),
       "block align 2 does not match 2 channels of 16 bits"},
      {"short fmt",
       riff({chunk("fmt ", fmt_body(1, 1, 8000, 16).substr(0, 14)), data}),
       "fmt chunk is 14 bytes"},
      {"no fmt", riff({data}), "no fmt chunk"},
      {"no data", riff({fmt16}), "no data chunk"},
      {"partial frame",
       riff({chunk("fmt ", fmt_body(1, 2, 8000, 16)),
             chunk("data", std::string(6, '\0'))}),
       "not a whole number of 4-byte frames"},
      {"valid bits",
       riff({chunk("fmt ", extensible_fmt_body(1, 1, 8000, 16, 24, 0)), data}),
       "valid bits per sample (24) exceed the container size (16)"},
      {"short extensible",
       riff({chunk("fmt ", fmt_body(0xFFFE, 1, 8000, 16) + le(0, 2)), data}),
       "EXTENSIBLE fmt chunk is too short"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto [code, message] = refusal(c.bytes);
    CHECK(code == kAudioInvalid);
    CHECK_THAT(message, Catch::Contains(c.why));
  }
}

TEST_CASE("a data chunk before fmt is fine; a second one is not", "[wav]") {
  const std::string fmt16 = chunk("fmt ", fmt_body(1, 1, 8000, 16));
  const std::string data = chunk("data", kFourFrames16);
  CHECK(parse_wav(riff({data, fmt16})).data == kFourFrames16);
  auto [code, message] = refusal(riff({data, data, fmt16}));
  CHECK(code == kAudioInvalid);
  CHECK_THAT(message, Catch::Contains("more than one data chunk"));
}

TEST_CASE("well-formed but unsupported encodings get audio_unsupported",
          "[wav]") {
  const std::string data = chunk("data", std::string(8, '\0'));
  struct Case {
    const char* name;
    std::string bytes;
    const char* why;
  };
  std::vector<Case> cases = {
      {"RIFX", std::string("RIFX").append(40, '\0'), "RIFX container"},
      {"ADPCM", riff({chunk("fmt ", fmt_body(2, 1, 8000, 4, 1)), data}),
       "format tag 0x0002"},
      {"mu-law", riff({chunk("fmt ", fmt_body(7, 1, 8000, 8)), data}),
       "format tag 0x0007"},
      {"12-bit", riff({chunk("fmt ", fmt_body(1, 1, 8000, 12, 2)), data}),
       "PCM with 12 bits per sample"},
      {"float16", riff({chunk("fmt ", fmt_body(3, 1, 8000, 16)), data}),
       "IEEE float with 16 bits per sample"},
      {"odd GUID",
       [&] {
         std::string f = extensible_fmt_body(1, 1, 8000, 16, 16, 0);
         f[30] = 0x11;
         return riff({chunk("fmt ", f), data});
       }(),
       "sub-format is not a PCM or float GUID"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto [code, message] = refusal(c.bytes);
    CHECK(code == kAudioUnsupported);
    CHECK_THAT(message, Catch::Contains(c.why));
  }
}
