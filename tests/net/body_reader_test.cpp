#include "net/body_reader.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

using namespace aihost::net;

namespace {

// Hands out `wire` in the given read sizes, then the end of the connection.
struct Wire {
  std::vector<std::string> reads;
  size_t next = 0;
  bool reset_at_end = false;

  RawRead reader() {
    return [this](char* buf, int len) -> int {
      if (next == reads.size()) {
        if (reset_at_end) throw std::runtime_error("reset");
        return 0;
      }
      std::string& r = reads[next];
      size_t n = std::min(r.size(), static_cast<size_t>(len));
      std::memcpy(buf, r.data(), n);
      r.erase(0, n);
      if (r.empty()) ++next;
      return static_cast<int>(n);
    };
  }
};

struct Collected {
  std::vector<std::string> pieces;
  std::string all() const {
    std::string s;
    for (auto& p : pieces) s += p;
    return s;
  }
  std::function<bool(std::string_view)> fn() {
    return [this](std::string_view d) {
      pieces.emplace_back(d);
      return true;
    };
  }
};

}  // namespace

TEST_CASE("chunked body decodes across awkward read boundaries",
          "[net][body]") {
  Wire w{{"d\r\ndata: {", "\"a\":1}\r",
          "\n3;ext=1\r\nxyz\r\n0\r\nTrailer: t\r\n\r\n"}};
  Collected c;
  CHECK(read_body(w.reader(), Framing::chunked, -1, 1 << 20, c.fn()) ==
        BodyEnd::complete);
  CHECK(c.all() == "data: {\"a\":1}xyz");
  CHECK(c.pieces.size() >= 3);  // delivered as it came, not at the end
}

TEST_CASE("chunked body cut before the last chunk is reported", "[net][body]") {
  Wire w{{"5\r\nhello\r\n6\r\n wor"}};
  Collected c;
  CHECK(read_body(w.reader(), Framing::chunked, -1, 1 << 20, c.fn()) ==
        BodyEnd::cut);
  CHECK(c.all() == "hello wor");

  Wire between{{"5\r\nhello\r\n"}};
  CHECK(read_body(between.reader(), Framing::chunked, -1, 1 << 20, c.fn()) ==
        BodyEnd::cut);
}

TEST_CASE("chunked body with a bad size line is malformed", "[net][body]") {
  Collected c;
  Wire w{{"zz\r\nhello\r\n0\r\n\r\n"}};
  CHECK(read_body(w.reader(), Framing::chunked, -1, 1 << 20, c.fn()) ==
        BodyEnd::malformed);
  Wire missing_crlf{{"5\r\nhelloX\r\n0\r\n\r\n"}};
  CHECK(read_body(missing_crlf.reader(), Framing::chunked, -1, 1 << 20,
                  c.fn()) == BodyEnd::malformed);
  Wire huge{{"fffffffffffffffff\r\n"}};
  CHECK(read_body(huge.reader(), Framing::chunked, -1, 1 << 20, c.fn()) ==
        BodyEnd::malformed);
}

TEST_CASE("Content-Length body: exact, short and over the limit",
          "[net][body]") {
  Collected c;
  Wire exact{{"0123", "456789EXTRA"}};
  CHECK(read_body(exact.reader(), Framing::length, 10, 100, c.fn()) ==
        BodyEnd::complete);
  CHECK(c.all() == "0123456789");

  Wire shortw{{"0123"}};
  CHECK(read_body(shortw.reader(), Framing::length, 10, 100, c.fn()) ==
        BodyEnd::cut);

  Wire big{{std::string(200, 'x')}};
  CHECK(read_body(big.reader(), Framing::length, 200, 100, c.fn()) ==
        BodyEnd::too_large);
  Wire big_chunked{{"c8\r\n" + std::string(200, 'x') + "\r\n0\r\n\r\n"}};
  CHECK(read_body(big_chunked.reader(), Framing::chunked, -1, 100, c.fn()) ==
        BodyEnd::too_large);
}

TEST_CASE("body until close, none, and a consumer that stops", "[net][body]") {
  Collected c;
  Wire w{{"abc", "def"}};
  CHECK(read_body(w.reader(), Framing::until_close, -1, 100, c.fn()) ==
        BodyEnd::complete);
  CHECK(c.all() == "abcdef");

  Wire unused{{"ignored"}};
  CHECK(read_body(unused.reader(), Framing::none, -1, 100, c.fn()) ==
        BodyEnd::complete);
  CHECK(unused.next == 0);

  Wire two{{"3\r\nabc\r\n", "3\r\ndef\r\n0\r\n\r\n"}};
  int calls = 0;
  CHECK(read_body(two.reader(), Framing::chunked, -1, 100,
                  [&](std::string_view) { return ++calls < 1; }) ==
        BodyEnd::aborted);
  CHECK(calls == 1);
}

TEST_CASE("transport errors propagate to the caller", "[net][body]") {
  Collected c;
  Wire w{{"5\r\nhel"}, 0, true};
  CHECK_THROWS(read_body(w.reader(), Framing::chunked, -1, 100, c.fn()));
}
