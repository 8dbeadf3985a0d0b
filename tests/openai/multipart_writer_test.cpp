// The plugin's multipart writer read back by the fakes' strict parser.
#include "multipart_writer.hpp"

#include "fakes/multipart.hpp"

#include <catch2/catch.hpp>

using aihost::openai::MultipartWriter;
using aihost::openai::safe_filename;
namespace fakes = aihost::fakes;

TEST_CASE("a written form parses back part by part", "[openai][multipart]") {
  std::string audio("\0\x01\r\n--binary\r\n", 14);
  MultipartWriter w(audio);
  w.file("file", "call.wav", "audio/wav", audio);
  w.field("model", "whisper-1");
  w.field("timestamp_granularities[]", "word");
  w.field("timestamp_granularities[]", "segment");
  std::string type = w.content_type();
  std::string body = w.finish();

  auto boundary = fakes::multipart_boundary(type);
  REQUIRE(boundary);
  CHECK(boundary->rfind("aihost-", 0) == 0);
  auto parts = fakes::parse_multipart(body, *boundary);
  REQUIRE(parts.size() == 4);
  CHECK(parts[0].name == "file");
  CHECK(parts[0].filename == "call.wav");
  CHECK(parts[0].content_type == "audio/wav");
  CHECK(parts[0].data == audio);
  CHECK(parts[1].name == "model");
  CHECK_FALSE(parts[1].filename);
  CHECK(parts[1].data == "whisper-1");
  CHECK(parts[2].data == "word");
  CHECK(parts[3].data == "segment");
}

TEST_CASE("boundaries are fresh per form", "[openai][multipart]") {
  MultipartWriter a(""), b("");
  CHECK(a.content_type() != b.content_type());
}

TEST_CASE("filenames cannot escape their header", "[openai][multipart]") {
  CHECK(safe_filename("ok name.mp3") == "ok name.mp3");
  CHECK(safe_filename("a\"b\\c\r\nd.wav") == "a_b_c__d.wav");
  CHECK(safe_filename("") == "audio.wav");
}

TEST_CASE("the fakes' parser refuses malformed bodies", "[openai][multipart]") {
  CHECK_THROWS_AS(fakes::parse_multipart("garbage", "b"),
                  fakes::MultipartError);
  CHECK_THROWS_AS(
      fakes::parse_multipart(
          "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv", "b"),
      fakes::MultipartError);
  CHECK_THROWS_AS(fakes::parse_multipart(
                      "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--", "b"),
                  fakes::MultipartError);
  CHECK_FALSE(fakes::multipart_boundary("application/json"));
  CHECK_FALSE(fakes::multipart_boundary("multipart/form-data"));
  CHECK(fakes::multipart_boundary("multipart/form-data; boundary=\"q\"") ==
        "q");
}
