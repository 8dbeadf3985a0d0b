// aihost-bench-load: a closed-loop HTTP load generator for gateway
// benchmarks. Talks only to 127.0.0.1.
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "load_client.hpp"
#include "load_report.hpp"

namespace {

constexpr const char* kUsage =
    "usage: aihost-bench-load URL [-c N] [-d SECONDS | -n COUNT] "
    "[--warmup SECONDS]\n"
    "         [-H 'Name: value']... [--body JSON | --body-file FILE] "
    "[--stream]\n"
    "         [--timeout-ms MS] [--label TEXT] [--json]\n"
    "  URL            http://127.0.0.1:PORT/PATH (or localhost); nothing else\n"
    "  -c N           concurrent keep-alive connections (1)\n"
    "  -d SECONDS     measure for this long (default 10 unless -n)\n"
    "  -n COUNT       measure this many answers instead\n"
    "  --warmup S     run this long first without recording\n"
    "  --stream       the answer is SSE: also time to first token and gaps\n"
    "  --json         one JSON object instead of text\n";

[[noreturn]] void usage_error(const std::string& why) {
  std::cerr << "aihost-bench-load: " << why << "\n" << kUsage;
  std::exit(2);
}

double positive(const std::string& flag, const std::string& v, double hi) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (v.empty() || *end || !(d >= 0) || d > hi)
    usage_error(flag + " takes a number 0-" + std::to_string(int(hi)));
  return d;
}

// Only the loopback interface: a benchmark must never send traffic out.
void parse_url(const std::string& url, aihost::bench::LoadOptions& o) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0)
    usage_error("the URL must start with http:// (got '" + url + "')");
  std::string rest = url.substr(scheme.size());
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  o.path = slash == std::string::npos ? "/" : rest.substr(slash);
  size_t colon = authority.rfind(':');
  std::string host = authority.substr(0, colon);
  if (host != "127.0.0.1" && host != "localhost")
    usage_error("only 127.0.0.1 or localhost may be benchmarked (got '" + host +
                "')");
  if (colon == std::string::npos) usage_error("the URL needs a port");
  o.port = static_cast<int>(
      positive("the URL's port", authority.substr(colon + 1), 65535));
  if (o.port == 0) usage_error("the URL's port must not be 0");
  o.host_header = authority;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  aihost::bench::LoadOptions o;
  std::string url, label;
  bool json = false, have_duration = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (a == "-c") {
      o.concurrency = static_cast<int>(positive(a, value(), 10000));
      if (o.concurrency < 1) usage_error("-c must be at least 1");
    } else if (a == "-d") {
      o.duration_s = positive(a, value(), 86400);
      have_duration = true;
    } else if (a == "-n") {
      o.requests = static_cast<uint64_t>(positive(a, value(), 1e9));
    } else if (a == "--warmup") {
      o.warmup_s = positive(a, value(), 3600);
    } else if (a == "-H") {
      std::string h = value();
      if (h.find(':') == std::string::npos ||
          h.find_first_of("\r\n") != std::string::npos)
        usage_error("-H takes 'Name: value' on one line");
      o.headers.push_back(h);
    } else if (a == "--body") {
      o.body = value();
    } else if (a == "--body-file") {
      std::ifstream in(value(), std::ios::binary);
      if (!in) usage_error("cannot read the body file");
      std::stringstream ss;
      ss << in.rdbuf();
      o.body = ss.str();
    } else if (a == "--stream") {
      o.stream = true;
    } else if (a == "--timeout-ms") {
      o.timeout_ms = static_cast<int>(positive(a, value(), 3600000));
    } else if (a == "--label") {
      label = value();
    } else if (a == "--json") {
      json = true;
    } else if (!a.empty() && a[0] != '-' && url.empty()) {
      url = a;
    } else {
      usage_error("unknown option '" + a + "'");
    }
  }
  if (url.empty()) usage_error("give the URL to load");
  parse_url(url, o);
  if (have_duration && o.requests > 0) usage_error("give -d or -n, not both");
  if (!have_duration && o.requests == 0) o.duration_s = 10;
  if (have_duration && o.duration_s <= 0) usage_error("-d must be above 0");
  try {
    aihost::bench::LoadResult r = aihost::bench::run_load(o);
    std::cout << (json ? aihost::bench::report_json(r, o, label) + "\n"
                       : aihost::bench::report_text(r, o, label));
    return r.ok > 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "aihost-bench-load: " << e.what() << "\n";
    return 1;
  }
}
