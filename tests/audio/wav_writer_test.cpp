// The WAV writer produces canonical files that the reader (and the fake
// Deepgram's independent probe) read back unchanged.
#include "audio/audio_error.hpp"
#include "audio/wav.hpp"
#include "test_signals.hpp"

#include <catch2/catch.hpp>

using namespace aihost::audio;
using namespace aihost::audio::testing;

TEST_CASE("canonical PCM 16 layout, byte for byte", "[wav]") {
  Wav w = make_wav(pcm(2, 16000), 3, [](size_t f, int ch) {
    return static_cast<int64_t>(f * 10 + ch);
  });
  std::string bytes = write_wav(w);
  std::string expected =
      riff({chunk("fmt ", fmt_body(1, 2, 16000, 16)), chunk("data", w.data)});
  CHECK(bytes == expected);
  CHECK(bytes.size() == 44 + 12);
}

TEST_CASE("every layout survives write then read", "[wav]") {
  std::vector<WavFormat> formats;
  for (uint16_t bits : {8, 16, 24, 32}) formats.push_back(pcm(3, 22050, bits));
  WavFormat f32 = pcm(2, 48000, 32);
  f32.encoding = SampleEncoding::kFloat;
  formats.push_back(f32);
  WavFormat f64 = pcm(1, 8000, 64);
  f64.encoding = SampleEncoding::kFloat;
  formats.push_back(f64);
  WavFormat ext = pcm(4, 32000, 24);
  ext.extensible = true;
  ext.valid_bits = 20;
  ext.channel_mask = 0x33;
  formats.push_back(ext);

  for (const auto& f : formats) {
    CAPTURE(f.bits_per_sample, f.channels, f.extensible);
    // 7 frames: with one 8-bit channel set the data chunk would be odd.
    Wav w = make_wav(f, 7, [](size_t i, int ch) {
      return static_cast<int64_t>(i) * 3 - 9 + ch;
    });
    std::string bytes = write_wav(w);
    CHECK(bytes.size() % 2 == 0);
    Wav back = parse_wav(bytes);
    CHECK(back.format.encoding == f.encoding);
    CHECK(back.format.channels == f.channels);
    CHECK(back.format.sample_rate == f.sample_rate);
    CHECK(back.format.bits_per_sample == f.bits_per_sample);
    CHECK(back.format.extensible == f.extensible);
    CHECK(back.format.valid_bits == f.valid_bits);
    CHECK(back.format.channel_mask == f.channel_mask);
    CHECK(back.data == w.data);
    CHECK(write_wav(back) == bytes);
  }
}

TEST_CASE("odd-length 8-bit mono data gets its pad byte", "[wav]") {
  Wav w = make_wav(pcm(1, 8000, 8), 5,
                   [](size_t i, int) { return static_cast<int64_t>(i); });
  std::string bytes = write_wav(w);
  CHECK(bytes.size() == 44 + 5 + 1);
  CHECK(bytes.back() == '\0');
  CHECK(parse_wav(bytes).data == w.data);
}

TEST_CASE("sample data that does not fit the format is not written", "[wav]") {
  Wav w;
  w.format = pcm(2);
  w.data = "abc";
  CHECK_THROWS_AS(write_wav(w), AudioError);
}
