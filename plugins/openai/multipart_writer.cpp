#include "multipart_writer.hpp"

#include <random>

namespace aihost::openai {
namespace {

std::string random_boundary() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device rd;
  std::string b = "aihost-";
  for (int i = 0; i < 32; ++i) b += kHex[rd() % 16];
  return b;
}

}  // namespace

MultipartWriter::MultipartWriter(std::string_view largest_part) {
  do boundary_ = random_boundary();
  while (largest_part.find(boundary_) != std::string_view::npos);
  body_.reserve(largest_part.size() + 2048);
}

void MultipartWriter::open_part(std::string_view disposition) {
  body_ += "--";
  body_ += boundary_;
  body_ += "\r\nContent-Disposition: form-data; ";
  body_ += disposition;
  body_ += "\r\n";
}

void MultipartWriter::field(std::string_view name, std::string_view value) {
  open_part("name=\"" + std::string(name) + "\"");
  body_ += "\r\n";
  body_ += value;
  body_ += "\r\n";
}

void MultipartWriter::file(std::string_view name, std::string_view filename,
                           std::string_view content_type,
                           std::string_view data) {
  open_part("name=\"" + std::string(name) + "\"; filename=\"" +
            safe_filename(filename) + "\"");
  body_ += "Content-Type: ";
  body_ += content_type;
  body_ += "\r\n\r\n";
  body_ += data;
  body_ += "\r\n";
}

std::string MultipartWriter::content_type() const {
  return "multipart/form-data; boundary=" + boundary_;
}

std::string MultipartWriter::finish() {
  body_ += "--";
  body_ += boundary_;
  body_ += "--\r\n";
  return std::move(body_);
}

std::string safe_filename(std::string_view name) {
  std::string out;
  for (char ch : name) {
    auto u = static_cast<unsigned char>(ch);
    out += (u < 0x20 || u == 0x7f || ch == '"' || ch == '\\') ? '_' : ch;
  }
  return out.empty() ? "audio.wav" : out;
}

}  // namespace aihost::openai
