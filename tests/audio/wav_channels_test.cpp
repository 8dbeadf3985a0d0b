// Splitting and interleaving move samples without changing a bit.
#include "audio/wav_channels.hpp"
#include "audio/audio_error.hpp"
#include "test_signals.hpp"

#include <catch2/catch.hpp>

using namespace aihost::audio;
using namespace aihost::audio::testing;

namespace {

int64_t ramp(size_t frame, int channel) {
  return static_cast<int64_t>(frame) * (channel + 1) * 7 - 1000 * channel;
}

}  // namespace

TEST_CASE("split gives each channel as a mono file of the same format",
          "[wav][channels]") {
  Wav stereo = make_wav(pcm(2, 16000), 1000, ramp);
  auto monos = split_channels(stereo);
  REQUIRE(monos.size() == 2);
  for (int ch = 0; ch < 2; ++ch) {
    Wav expected = make_wav(pcm(1, 16000), 1000,
                            [ch](size_t f, int) { return ramp(f, ch); });
    CHECK(monos[ch].format.channels == 1);
    CHECK(monos[ch].format.sample_rate == 16000);
    CHECK(monos[ch].data == expected.data);
    CHECK(monos[ch].duration_seconds() == Approx(stereo.duration_seconds()));
  }
}

TEST_CASE("split keeps 24-bit extensible form, without a speaker mask",
          "[wav][channels]") {
  WavFormat f = pcm(4, 48000, 24);
  f.extensible = true;
  f.valid_bits = 20;
  f.channel_mask = 0x33;
  Wav quad = make_wav(f, 50, ramp);
  auto monos = split_channels(quad);
  REQUIRE(monos.size() == 4);
  for (int ch = 0; ch < 4; ++ch) {
    CHECK(monos[ch].format.extensible);
    CHECK(monos[ch].format.valid_bits == 20);
    CHECK(monos[ch].format.channel_mask == 0);
    WavFormat mono = f;
    mono.channels = 1;
    CHECK(monos[ch].data ==
          make_wav(mono, 50, [ch](size_t i, int) { return ramp(i, ch); }).data);
  }
}

TEST_CASE("interleave then split is the identity, sample for sample",
          "[wav][channels]") {
  for (uint16_t bits : {8, 16, 24, 32}) {
    CAPTURE(bits);
    Wav a = make_wav(pcm(1, 8000, bits), 300, [](size_t f, int) {
      return static_cast<int64_t>(f % 100) - 50;
    });
    Wav b = make_wav(pcm(1, 8000, bits), 300, [](size_t f, int) {
      return 40 - static_cast<int64_t>(f % 80);
    });
    Wav stereo = interleave_channels({a, b});
    CHECK(stereo.format.channels == 2);
    CHECK(stereo.frames() == 300);
    auto back = split_channels(stereo);
    CHECK(back[0].data == a.data);
    CHECK(back[1].data == b.data);
    // And the other way round: split then interleave rebuilds the file.
    CHECK(write_wav(interleave_channels(back)) == write_wav(stereo));
  }
  WavFormat f32 = pcm(1, 16000, 32);
  f32.encoding = SampleEncoding::kFloat;
  Wav fa = make_wav(f32, 64, ramp),
      fb = make_wav(f32, 64, [](size_t f, int) { return -ramp(f, 1); });
  auto back = split_channels(interleave_channels({fa, fb}));
  CHECK(back[0].data == fa.data);
  CHECK(back[1].data == fb.data);
}

TEST_CASE("a shorter input is padded with silence at the end",
          "[wav][channels]") {
  Wav long16 = make_wav(pcm(1), 4, [](size_t, int) { return 5; });
  Wav short16 = make_wav(pcm(1), 2, [](size_t, int) { return -5; });
  Wav s = interleave_channels({long16, short16});
  CHECK(s.data == le(5, 2) + le(static_cast<uint64_t>(-5), 2) + le(5, 2) +
                      le(static_cast<uint64_t>(-5), 2) + le(5, 2) + le(0, 2) +
                      le(5, 2) + le(0, 2));

  // Unsigned 8-bit silence is 0x80, not zero.
  Wav long8 = make_wav(pcm(1, 8000, 8), 2, [](size_t, int) { return 10; });
  Wav short8 = make_wav(pcm(1, 8000, 8), 1, [](size_t, int) { return -10; });
  CHECK(interleave_channels({long8, short8}).data ==
        std::string("\x8a\x76\x8a\x80"));
}

TEST_CASE("inputs that cannot be interleaved get audio_mismatch",
          "[wav][channels]") {
  Wav a = make_wav(pcm(1, 8000), 10, ramp);
  auto code_of = [](const std::vector<Wav>& in) -> std::string {
    try {
      interleave_channels(in);
    } catch (const AudioError& e) {
      return e.code();
    }
    return "accepted";
  };
  CHECK(code_of({}) == kAudioMismatch);
  CHECK(code_of({a, make_wav(pcm(1, 16000), 10, ramp)}) == kAudioMismatch);
  CHECK(code_of({a, make_wav(pcm(1, 8000, 24), 10, ramp)}) == kAudioMismatch);
  CHECK(code_of({a, make_wav(pcm(2, 8000), 10, ramp)}) == kAudioMismatch);
  WavFormat f = pcm(1, 8000, 16);
  f.encoding = SampleEncoding::kFloat;
  f.bits_per_sample = 32;
  CHECK(code_of({make_wav(pcm(1, 8000, 32), 10, ramp),
                 make_wav(f, 10, ramp)}) == kAudioMismatch);
}

TEST_CASE("duration is frames over sample rate", "[wav][channels]") {
  Wav w = make_wav(pcm(2, 8000), 20000, ramp);
  CHECK(w.duration_seconds() == Approx(2.5));
  CHECK(split_channels(w)[1].duration_seconds() == Approx(2.5));
}
