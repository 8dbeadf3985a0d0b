#include "api/multipart_form.hpp"

#include "api/api_error.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace aihost::api {
namespace {

class FilePart : public Poco::Net::PartHandler {
 public:
  explicit FilePart(MultipartForm& form) : form_(form) {}
  void handlePart(const Poco::Net::MessageHeader& header,
                  std::istream& stream) override {
    if (!form_.file_field.empty())
      throw ApiError(400, "invalid_multipart",
                     "send exactly one file part in the form");
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(
        header.get("Content-Disposition", ""), disposition, params);
    form_.file_field = params.get("name", "file");
    form_.filename = params.get("filename", "");
    form_.file_type = header.get("Content-Type", "application/octet-stream");
    Poco::StreamCopier::copyToString(stream, form_.file);
  }

 private:
  MultipartForm& form_;
};

}  // namespace

MultipartForm read_multipart(Exchange& ex) {
  const std::string type = ex.request.getContentType();
  if (type.rfind("multipart/form-data", 0) != 0)
    throw ApiError(415, "unsupported_media_type",
                   "send the audio as multipart/form-data");
  const std::string body = ex.body(ex.limits.upload_bytes);
  MultipartForm form;
  FilePart files(form);
  std::istringstream in(body);
  Poco::Net::HTMLForm html;
  try {
    html.load(ex.request, in, files);
  } catch (const ApiError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw ApiError(400, "invalid_multipart",
                   "the multipart body is malformed: " + e.message());
  }
  for (const auto& [name, value] : html) form.fields.emplace(name, value);
  return form;
}

}  // namespace aihost::api
