#include "anonymizer.hpp"

#include "utf8.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace aihost::local_pii {
namespace {

std::string to_hex(const unsigned char* p, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[p[i] >> 4];
    out[2 * i + 1] = kHex[p[i] & 15];
  }
  return out;
}

// Presidio's mask: chars_to_mask characters from the start (or the end)
// become the masking character, the rest stay.
std::string mask(std::string_view span, const Operator& op) {
  size_t total = utf8::count_code_points(span);
  size_t count = total;
  if (op.chars_to_mask && static_cast<uint64_t>(*op.chars_to_mask) < total)
    count = static_cast<size_t>(*op.chars_to_mask);
  size_t first = op.from_end ? total - count : 0;
  std::string out;
  out.reserve(span.size() + count * op.masking_char.size());
  size_t index = 0;
  for (size_t i = 0; i < span.size(); ++index) {
    size_t len = utf8::code_point_length(span, i);
    if (index >= first && index < first + count)
      out += op.masking_char;
    else
      out.append(span.substr(i, len));
    i += len;
  }
  return out;
}

std::string replacement(std::string_view span, const Finding& f,
                        const Operator& op) {
  if (op.method == "redact") return {};
  if (op.method == "mask") return mask(span, op);
  if (op.method == "hash") {
    std::string data(span);
    if (op.hash_salt) data += *op.hash_salt;
    return hex_digest(op.hash_type, data);
  }
  if (op.new_value) return *op.new_value;
  std::string tag;
  tag.reserve(f.entity_type.size() + 2);
  tag.push_back('<');
  tag.append(f.entity_type);
  tag.push_back('>');
  return tag;
}

}  // namespace

std::string hex_digest(std::string_view hash_type, std::string_view data) {
  const EVP_MD* md = hash_type == "sha512" ? EVP_sha512() : EVP_sha256();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, md, nullptr) != 1)
    throw std::runtime_error("hash computation failed");
  return to_hex(digest, len);
}

std::string random_salt(size_t n) {
  std::string bytes(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                 static_cast<int>(n)) != 1)
    throw std::runtime_error("no randomness for the hash salt");
  return to_hex(reinterpret_cast<const unsigned char*>(bytes.data()), n);
}

Anonymized anonymize(std::string_view text,
                     const std::vector<Finding>& findings, const Operator& op) {
  Anonymized out;
  out.text.reserve(text.size());
  size_t cursor = 0;
  for (const auto& f : findings) {
    if (f.start < cursor || f.end > text.size() || f.end < f.start)
      throw std::logic_error("findings overlap or exceed the text");
    out.text.append(text.substr(cursor, f.start - cursor));
    Placed p;
    p.finding = f;
    p.out_start = out.text.size();
    out.text += replacement(text.substr(f.start, f.end - f.start), f, op);
    p.out_end = out.text.size();
    out.entities.push_back(p);
    cursor = f.end;
  }
  out.text.append(text.substr(cursor));
  return out;
}

}  // namespace aihost::local_pii
