#include "api/server_response.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Net/HTTPChunkedStream.h>
#include <Poco/Net/HTTPFixedLengthStream.h>
#include <Poco/Net/HTTPStream.h>
#include <Poco/Net/NetException.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <charconv>
#include <string_view>

namespace aihost::api {

ServerResponse::ServerResponse(Poco::Net::HTTPServerSession& session)
    : session_(session) {}

ServerResponse::~ServerResponse() {
  try {
    body_.reset();
  } catch (...) {
  }
}

void ServerResponse::mark_sent() {
  if (sent_) throw Poco::IllegalStateException("response already sent");
  sent_ = true;
}

void ServerResponse::append_head(std::string& out) const {
  char status[8];
  const auto end = std::to_chars(status, status + sizeof status,
                                 static_cast<int>(getStatus()))
                       .ptr;
  out += getVersion();
  out += ' ';
  out.append(status, static_cast<size_t>(end - status));
  out += ' ';
  out += getReason();
  out += "\r\n";
  for (const auto& [name, value] : *this) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "\r\n";
}

void ServerResponse::write_all(std::string_view bytes) {
  try {
    auto& socket = session_.socket();
    while (!bytes.empty()) {
      const int n = socket.sendBytes(
          bytes.data(),
          static_cast<int>(std::min<size_t>(bytes.size(), 1u << 30)));
      if (n <= 0) throw Poco::Net::NetException("nothing sent");
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  } catch (const Poco::Exception&) {
    setKeepAlive(false);
    session_.setKeepAlive(false);
  }
}

void ServerResponse::sendContinue() {
  if (getVersion() == HTTP_1_1) write_all("HTTP/1.1 100 Continue\r\n\r\n");
}

std::ostream& ServerResponse::send() {
  mark_sent();
  std::string head;
  if (head_only_) {
    append_head(head);
    write_all(head);
    body_ = std::make_unique<Poco::NullOutputStream>();
  } else if (getChunkedTransferEncoding()) {
    append_head(head);
    write_all(head);
    body_ = std::make_unique<Poco::Net::HTTPChunkedOutputStream>(session_);
  } else if (hasContentLength()) {
    // The head goes into the body's stream, counted in its length, so that
    // a short answer leaves in one write with its head.
    append_head(head);
    body_ = std::make_unique<Poco::Net::HTTPFixedLengthOutputStream>(
        session_, getContentLength64() + static_cast<int64_t>(head.size()));
    body_->write(head.data(), static_cast<std::streamsize>(head.size()));
  } else {
    // Without a length the body ends with the connection.
    setKeepAlive(false);
    append_head(head);
    write_all(head);
    body_ = std::make_unique<Poco::Net::HTTPOutputStream>(session_);
  }
  return *body_;
}

void ServerResponse::sendBuffer(const void* buffer, std::size_t length) {
  mark_sent();
  setContentLength64(static_cast<Poco::Int64>(length));
  setChunkedTransferEncoding(false);
  std::string whole;
  whole.reserve(512 + (head_only_ ? 0 : length));
  append_head(whole);
  if (!head_only_) whole.append(static_cast<const char*>(buffer), length);
  write_all(whole);
}

void ServerResponse::sendFile(const std::string& path,
                              const std::string& mediaType) {
  Poco::File file(path);
  Poco::FileInputStream in(path);
  if (!in.good()) throw Poco::OpenFileException(path);
  set("Last-Modified",
      Poco::DateTimeFormatter::format(file.getLastModified(),
                                      Poco::DateTimeFormat::HTTP_FORMAT));
  setContentType(mediaType);
  setContentLength64(static_cast<Poco::Int64>(file.getSize()));
  setChunkedTransferEncoding(false);
  std::ostream& out = send();
  if (!head_only_) Poco::StreamCopier::copyStream(in, out);
}

void ServerResponse::redirect(const std::string& uri, HTTPStatus status) {
  setStatusAndReason(status);
  set("Location", uri);
  sendBuffer(nullptr, 0);
}

void ServerResponse::requireAuthentication(const std::string& realm) {
  setStatusAndReason(HTTP_UNAUTHORIZED);
  set("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
  sendBuffer(nullptr, 0);
}

}  // namespace aihost::api
