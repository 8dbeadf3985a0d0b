#include "net/tls_context.hpp"

#include <Poco/Delegate.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/VerificationErrorArgs.h>
#include <openssl/ssl.h>

#include <sys/stat.h>
#include <mutex>
#include <stdexcept>

namespace aihost::net {
namespace {

thread_local std::string t_verification_error;

// OpenSSL verifies on the thread that connects, so a thread-local keeps the
// reason beside the request that failed.
void remember_verification_error(const void*,
                                 Poco::Net::VerificationErrorArgs& args) {
  if (t_verification_error.empty()) t_verification_error = args.errorMessage();
  args.setIgnoreError(false);
}

}  // namespace

Poco::Net::Context::Ptr make_client_tls_context(const UpstreamPolicy& policy) {
  static std::once_flag hooked;
  std::call_once(hooked, [] {
    Poco::Net::SSLManager::instance().ClientVerificationError +=
        Poco::delegate(&remember_verification_error);
  });
  struct stat st {};
  if (!policy.ca_location.empty() &&
      ::stat(policy.ca_location.c_str(), &st) != 0)
    throw std::runtime_error("TLS CA store not found: " + policy.ca_location);

  Poco::Net::Context::Params params;
  params.caLocation = policy.ca_location;
  // STRICT rather than RELAXED: for a client OpenSSL treats them alike, but
  // Poco skips the host name check for loopback addresses unless STRICT.
  params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
  params.loadDefaultCAs = policy.ca_location.empty();
  params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4";
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  // Certificates must name the host we asked for, not just chain to a CA.
  context->enableExtendedCertificateVerification(true);
  context->disableProtocols(
      Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
      Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  if (!policy.extra_ca_file.empty() &&
      SSL_CTX_load_verify_locations(context->sslContext(),
                                    policy.extra_ca_file.c_str(), nullptr) != 1)
    throw std::runtime_error("TLS CA file unreadable or not PEM: " +
                             policy.extra_ca_file);
  return context;
}

std::string take_verification_error() {
  std::string out;
  out.swap(t_verification_error);
  return out;
}

}  // namespace aihost::net
