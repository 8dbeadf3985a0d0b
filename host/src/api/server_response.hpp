// A response as the API server writes it: Poco's HTTPServerResponse
// interface, so handlers see no difference, with the head written here.
//
// Poco's HTTPServerResponseImpl formats the head twice (once into a
// counting stream, to size the body stream, then for real), and writes no
// body from sendBuffer, nor leaves the body out for HEAD, unless the
// request was read by Poco's own request class. This one formats the head
// once, sends a whole answer (head and body) in one write, and is told by
// the connection whether the request was a HEAD.
#pragma once

#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerSession.h>

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace aihost::api {

class ServerResponse final : public Poco::Net::HTTPServerResponse {
 public:
  explicit ServerResponse(Poco::Net::HTTPServerSession& session);
  // Ends the body: the rest of a fixed-length body is sent, a chunked one
  // gets its last chunk.
  ~ServerResponse() override;

  // A response to HEAD: the head as for GET, never a body.
  void set_head_only(bool head_only) { head_only_ = head_only; }

  void sendContinue() override;
  // The head, then a stream for the body: fixed-length when a length is
  // set, chunked when asked, else up to the end of the connection.
  std::ostream& send() override;
  void sendFile(const std::string& path, const std::string& mediaType) override;
  // The head and `length` bytes as the body, in one write.
  void sendBuffer(const void* buffer, std::size_t length) override;
  void redirect(const std::string& uri,
                HTTPStatus status = HTTP_FOUND) override;
  void requireAuthentication(const std::string& realm) override;
  bool sent() const override { return sent_; }

 private:
  void mark_sent();  // once only: a second answer to one request is a bug
  void append_head(std::string& out) const;
  // Writes all of `bytes` to the socket. A client gone away ends the
  // connection after this request rather than failing the handler, as
  // Poco's streams did (they set badbit).
  void write_all(std::string_view bytes);

  Poco::Net::HTTPServerSession& session_;
  std::unique_ptr<std::ostream> body_;
  bool head_only_ = false;
  bool sent_ = false;
};

}  // namespace aihost::api
