// A request as the API server reads it: Poco's HTTPServerRequest interface,
// so handlers see no difference, with the head read by the server itself.
//
// Poco's HTTPServerRequestImpl reads the head through an input stream a
// character at a time, and asks the kernel for both socket addresses on
// every request (getpeername and getsockname, two system calls), though
// nothing here reads them: ~10% of the CPU of a proxied chat completion.
// This reads the head's bytes straight from the session's buffer, checks
// the framing fields the way a server in front of others must (one
// Content-Length, never with Transfer-Encoding), and looks the addresses
// up only when asked. The body streams are Poco's, reading from the same
// session right after the head.
#pragma once

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/SocketAddress.h>

#include <istream>
#include <memory>
#include <optional>

namespace aihost::api {

class ServerRequest final : public Poco::Net::HTTPServerRequest {
 public:
  // The next byte of the session (its buffer, refilled from the socket),
  // or a negative value at the end of the connection.
  using NextByte = int (*)(Poco::Net::HTTPServerSession& session);

  // Limits of a head; beyond them the request is refused (400).
  static constexpr size_t kMaxMethod = 32;
  static constexpr size_t kMaxTarget = 16 * 1024;
  static constexpr size_t kMaxFieldName = 256;
  static constexpr size_t kMaxFieldValue = 8 * 1024;
  static constexpr size_t kMaxFields = 100;

  // Reads the head. Throws Poco::Net::NoMessageException when the
  // connection ends before its first byte, MessageException when it is
  // malformed or over a limit.
  ServerRequest(Poco::Net::HTTPServerSession& session, NextByte next,
                Poco::Net::HTTPServerResponse& response,
                const Poco::Net::HTTPServerParams& params);
  ~ServerRequest() override;

  std::istream& stream() override { return *body_; }
  const Poco::Net::SocketAddress& clientAddress() const override;
  const Poco::Net::SocketAddress& serverAddress() const override;
  const Poco::Net::HTTPServerParams& serverParams() const override {
    return params_;
  }
  Poco::Net::HTTPServerResponse& response() const override { return response_; }
  bool secure() const override;

 private:
  bool read_line(std::string& line, size_t max, bool first);
  void read_request_line();
  void read_fields();
  void open_body();

  Poco::Net::HTTPServerSession& session_;
  NextByte next_;
  Poco::Net::HTTPServerResponse& response_;
  const Poco::Net::HTTPServerParams& params_;
  std::unique_ptr<std::istream> body_;
  mutable std::optional<Poco::Net::SocketAddress> client_address_;
  mutable std::optional<Poco::Net::SocketAddress> server_address_;
};

}  // namespace aihost::api
