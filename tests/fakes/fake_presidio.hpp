// Fake Microsoft Presidio: the analyzer and the anonymizer as two FakeServers
// on 127.0.0.1, speaking the REST contract of PROTOCOLS.md §3 as strictly as
// the real Flask services, and really doing the work: the analyzer finds a
// few entity types by hand-written scanning and reports code-point offsets;
// the anonymizer resolves conflicts and applies replace, mask, redact, hash
// and keep on code points. Faults can be scripted per service.
#pragma once

#include "fakes/fake_server.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace aihost::fakes {

// The analyzer's detection, without HTTP: Presidio's answer (status, body)
// to an /analyze request body. `explain` fills analysis_explanation as if
// return_decision_process had been asked for.
FakeResponse presidio_analyze(const nlohmann::json& request, bool explain);

// The anonymizer's work, without HTTP: the answer to an /anonymize body.
FakeResponse presidio_anonymize(const nlohmann::json& request);

// The entity types the fake analyzer can find, with their fixed scores.
// PERSON matches the names in kFakePersonNames only.
inline constexpr double kEmailScore = 1.0;
inline constexpr double kCreditCardScore = 1.0;
inline constexpr double kPersonScore = 0.85;
inline constexpr double kFirstNameScore = 0.6;
inline constexpr double kPhoneScore = 0.75;

class FakePresidio {
 public:
  enum class Service { kAnalyzer, kAnonymizer };

  FakePresidio();
  ~FakePresidio();

  std::string analyzer_url() const { return analyzer_->base_url(); }
  std::string anonymizer_url() const { return anonymizer_->base_url(); }
  const FakeServer& analyzer() const { return *analyzer_; }
  const FakeServer& anonymizer() const { return *anonymizer_; }

  // The next `times` requests to `service` get `response` instead of the
  // service's own answer (times < 0: every request from now on).
  void script(Service service, FakeResponse response, int times = 1);

  // Behave like a deployment that always returns the decision process
  // (analysis_explanation with the recognizer's name).
  void set_explain(bool on);

  // Parsed JSON bodies received, in order (invalid JSON as null).
  std::vector<nlohmann::json> bodies(Service service) const;

 private:
  struct Scripted {
    FakeResponse response;
    int times;
  };
  FakeResponse handle(Service service, const FakeRequest& request);

  mutable std::mutex mu_;
  std::deque<Scripted> scripts_[2];
  bool explain_ = false;
  std::unique_ptr<FakeServer> analyzer_;
  std::unique_ptr<FakeServer> anonymizer_;
};

// Answers for scripted faults.
FakeResponse presidio_error(int status, const std::string& message);
// The service's own answer, `delay_ms` late.
FakeResponse presidio_slow(int delay_ms);
FakeResponse presidio_reset();
FakeResponse presidio_malformed();  // 200 with a body that is not JSON

}  // namespace aihost::fakes
