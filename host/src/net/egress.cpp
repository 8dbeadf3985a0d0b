#include "net/egress.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <memory>

namespace aihost::net {

Egress::Egress(UpstreamPolicy policy) : policy_(policy) {}
Egress::~Egress() = default;

std::optional<Failure> Egress::send(const Request& request, const Sink& sink,
                                    const CallControl& call) const {
  if (call.is_cancelled())
    return Failure{AIHOST_CANCELLED, "call cancelled before sending"};
  try {
    Poco::URI uri(request.url);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https")
      session = std::make_unique<Poco::Net::HTTPSClientSession>(
          uri.getHost(), uri.getPort());
    else if (uri.getScheme() == "http")
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(),
                                                               uri.getPort());
    else
      return Failure{AIHOST_INVALID_ARGUMENT,
                     "unsupported URL scheme: " + uri.getScheme()};
    session->setTimeout(Poco::Timespan(0, policy_.connect_timeout_ms * 1000),
                        Poco::Timespan(0, policy_.read_timeout_ms * 1000),
                        Poco::Timespan(0, policy_.read_timeout_ms * 1000));

    Poco::Net::HTTPRequest req(request.method, uri.getPathAndQuery(),
                               Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& h : request.headers) req.add(h.name, h.value);
    req.setContentLength(static_cast<std::streamsize>(request.body.size()));
    std::ostream& os = session->sendRequest(req);
    os.write(request.body.data(),
             static_cast<std::streamsize>(request.body.size()));

    Poco::Net::HTTPResponse resp;
    std::istream& is = session->receiveResponse(resp);
    std::vector<Header> headers;
    for (const auto& [k, v] : resp) headers.push_back({k, v});
    if (sink.on_head && !sink.on_head(static_cast<int>(resp.getStatus()),
                                      headers))
      return std::nullopt;
    char buf[16384];
    std::string body;
    while (is) {
      is.read(buf, sizeof(buf));
      std::streamsize n = is.gcount();
      if (n <= 0) break;
      if (request.stream) {
        if (sink.on_body && !sink.on_body(std::string_view(buf, n)))
          return std::nullopt;
      } else {
        body.append(buf, static_cast<size_t>(n));
      }
    }
    if (!request.stream && sink.on_body) sink.on_body(body);
    return std::nullopt;
  } catch (const Poco::TimeoutException& e) {
    return Failure{AIHOST_DEADLINE_EXCEEDED, "upstream timed out: " + e.displayText()};
  } catch (const Poco::Exception& e) {
    return Failure{AIHOST_UNAVAILABLE, "upstream unreachable: " + e.displayText()};
  } catch (const std::exception& e) {
    return Failure{AIHOST_UNAVAILABLE, std::string("upstream failure: ") + e.what()};
  }
}

}  // namespace aihost::net
