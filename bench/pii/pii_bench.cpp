// Evaluates the local-pii recognisers on a labeled JSONL corpus and measures
// their speed. Each line: {"text": str, "spans": [{"start", "end",
// "entity_type"}], "form": "written"|"spoken"} with offsets in code points
// (Python string indices), end exclusive. See bench/pii/README.md.
#include "analyzer.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;
using aihost::local_pii::analyze;
using aihost::local_pii::AnalyzeOptions;

struct Span {
  size_t start;
  size_t end;
  std::string type;
};

struct Sample {
  std::string text;
  std::string form;
  std::vector<Span> gold;
};

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
};

// Code point index -> byte offset table for one text.
std::vector<size_t> code_point_offsets(const std::string& s) {
  std::vector<size_t> at;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) at.push_back(i);
  at.push_back(s.size());
  return at;
}

bool load(const std::string& path, std::vector<Sample>& out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot open " << path << "\n";
    return false;
  }
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty()) continue;
    try {
      json j = json::parse(line);
      Sample s;
      s.text = j.at("text").get<std::string>();
      s.form = j.value("form", "written");
      auto at = code_point_offsets(s.text);
      for (const auto& sp : j.value("spans", json::array())) {
        size_t b = sp.at("start").get<size_t>(), e = sp.at("end").get<size_t>();
        if (b > e || e >= at.size())
          throw std::runtime_error("span out of range");
        s.gold.push_back(
            {at[b], at[e], sp.at("entity_type").get<std::string>()});
      }
      out.push_back(std::move(s));
    } catch (const std::exception& e) {
      std::cerr << path << ":" << lineno << ": " << e.what() << "\n";
      return false;
    }
  }
  return true;
}

// A prediction matches a gold span of its type when they overlap by at least
// half of their union: spoken spans may differ by a filler at the edge.
bool matches(size_t ps, size_t pe, const Span& g) {
  size_t lo = std::max(ps, g.start), hi = std::min(pe, g.end);
  if (hi <= lo) return false;
  size_t uni = std::max(pe, g.end) - std::min(ps, g.start);
  return 2 * (hi - lo) >= uni;
}

void print_table(const std::string& title,
                 const std::map<std::string, Counts>& c) {
  std::printf("\n%s\n", title.c_str());
  std::printf("%-20s %6s %6s %6s %9s %7s %7s\n", "entity", "tp", "fp", "fn",
              "precision", "recall", "f1");
  Counts all;
  auto row = [](const std::string& name, const Counts& k) {
    double p = k.tp + k.fp ? double(k.tp) / double(k.tp + k.fp) : 1.0;
    double r = k.tp + k.fn ? double(k.tp) / double(k.tp + k.fn) : 1.0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::printf("%-20s %6zu %6zu %6zu %9.3f %7.3f %7.3f\n", name.c_str(), k.tp,
                k.fp, k.fn, p, r, f);
  };
  for (const auto& [name, k] : c) {
    row(name, k);
    all.tp += k.tp;
    all.fp += k.fp;
    all.fn += k.fn;
  }
  row("overall", all);
}

// Analyses `text` as one input until `seconds` of this thread's CPU time
// are spent. CPU time, so that other load on the machine does not count
// against the per-core figure; wall time is printed beside it.
void measure(const std::string& name, const std::string& text, double seconds) {
  if (text.empty()) return;
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
  };
  using clock = std::chrono::steady_clock;
  size_t bytes = 0, findings = 0;
  auto t0 = clock::now();
  double c0 = cpu_now(), cpu = 0;
  while (cpu < seconds || bytes == 0) {
    findings += analyze(text).size();
    bytes += text.size();
    cpu = cpu_now() - c0;
  }
  double wall = std::chrono::duration<double>(clock::now() - t0).count();
  std::printf(
      "throughput (%s, 1 thread): %.1f MB/s of CPU time (%.1f MB/s wall)  "
      "%zu bytes x %zu passes, %zu findings\n",
      name.c_str(), double(bytes) / 1e6 / cpu, double(bytes) / 1e6 / wall,
      text.size(), bytes / text.size(), findings);
}

int usage() {
  std::cerr << "usage: aihost-pii-bench [--threshold X] [--labeled-types-only]"
               " [--errors] [--show] [--seconds S] [--text FILE]... "
               "corpus.jsonl...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  AnalyzeOptions opts;
  bool labeled_only = false, show_errors = false, show_all = false;
  double seconds = 1.0;
  std::vector<std::string> files, text_files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--threshold" && i + 1 < argc)
      opts.score_threshold = std::stod(argv[++i]);
    else if (a == "--labeled-types-only")
      labeled_only = true;
    else if (a == "--errors")
      show_errors = true;
    else if (a == "--show")
      show_all = true;
    else if (a == "--seconds" && i + 1 < argc)
      seconds = std::stod(argv[++i]);
    else if (a == "--text" && i + 1 < argc)
      text_files.push_back(argv[++i]);
    else if (!a.empty() && a[0] == '-')
      return usage();
    else
      files.push_back(a);
  }
  if (files.empty() && text_files.empty()) return usage();

  std::vector<Sample> samples;
  for (const auto& f : files)
    if (!load(f, samples)) return 1;

  std::set<std::string> labeled;
  for (const auto& s : samples)
    for (const auto& g : s.gold) labeled.insert(g.type);

  std::map<std::string, std::map<std::string, Counts>> by_form;
  std::map<std::string, Counts> overall;
  for (const auto& s : samples) {
    auto found = analyze(s.text, opts);
    std::vector<bool> used(s.gold.size(), false);
    auto& form = by_form[s.form];
    if (show_all) {
      std::printf("%s\n", s.text.c_str());
      for (const auto& f : found)
        std::printf("  %-18s %.2f %-28s '%s'\n",
                    std::string(f.entity_type).c_str(), f.score,
                    std::string(f.recognizer).c_str(),
                    s.text.substr(f.start, f.end - f.start).c_str());
    }
    for (const auto& f : found) {
      std::string type(f.entity_type);
      if (labeled_only && !labeled.count(type)) continue;
      bool hit = false;
      for (size_t i = 0; i < s.gold.size() && !hit; ++i)
        if (!used[i] && s.gold[i].type == type &&
            matches(f.start, f.end, s.gold[i]))
          used[i] = hit = true;
      (hit ? form[type].tp : form[type].fp)++;
      (hit ? overall[type].tp : overall[type].fp)++;
      if (!hit && show_errors)
        std::printf("FP %-14s %-32s | %s\n", type.c_str(),
                    s.text.substr(f.start, f.end - f.start).c_str(),
                    s.text.c_str());
    }
    for (size_t i = 0; i < s.gold.size(); ++i)
      if (!used[i]) {
        form[s.gold[i].type].fn++;
        overall[s.gold[i].type].fn++;
        if (show_errors)
          std::printf(
              "FN %-14s %-32s | %s\n", s.gold[i].type.c_str(),
              s.text.substr(s.gold[i].start, s.gold[i].end - s.gold[i].start)
                  .c_str(),
              s.text.c_str());
      }
  }
  std::printf(
      "samples: %zu  threshold: %.2f  match: same type, overlap >= "
      "half the union\n",
      samples.size(), opts.score_threshold);
  for (const auto& [form, c] : by_form) print_table("form: " + form, c);
  if (by_form.size() > 1) print_table("all forms", overall);

  // Throughput per form, one thread: that is the per-core figure.
  std::map<std::string, std::string> by_form_text;
  for (const auto& s : samples) {
    by_form_text[s.form] += s.text;
    by_form_text[s.form] += '\n';
  }
  std::printf("\n");
  for (const auto& [form, text] : by_form_text) measure(form, text, seconds);
  for (const auto& path : text_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "cannot open " << path << "\n";
      return 1;
    }
    std::string text((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
    measure(path, text, seconds);
  }
  return 0;
}
