// A fixed set of short lower-case words with a value each, probed once per
// word of the text. Every word fits in 16 bytes, so a word is a pair of
// integers: a probe hashes and compares those instead of calling memcmp
// over candidate lists, and the key is built with a byte loop, not a
// variable-length memcpy (which is a libc call per word).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace aihost::local_pii {

class WordKey {
 public:
  static constexpr size_t kMaxLength = 16;

  // `w` must be at most kMaxLength bytes.
  explicit WordKey(std::string_view w) {
    for (size_t i = 0; i < w.size(); ++i) {
      uint64_t byte = static_cast<unsigned char>(w[i]);
      if (i < 8)
        lo_ |= byte << (8 * i);
      else
        hi_ |= byte << (8 * (i - 8));
    }
  }

  size_t slot(size_t mask) const {
    return static_cast<size_t>(((lo_ ^ (hi_ * 31)) * 0x9E3779B97F4A7C15ull) >>
                               40) &
           mask;
  }
  bool operator==(const WordKey& o) const {
    return lo_ == o.lo_ && hi_ == o.hi_;
  }

 private:
  uint64_t lo_ = 0, hi_ = 0;
};

// Open addressing over `Slots` slots (a power of two, kept well under half
// full by whoever fills it). Words longer than 16 bytes are never members.
template <typename Value, size_t Slots>
class WordSet {
  static_assert((Slots & (Slots - 1)) == 0, "Slots must be a power of two");

 public:
  void add(std::string_view w, Value v) {
    WordKey k(w);
    size_t i = k.slot(kMask);
    while (slots_[i].used && !(slots_[i].key == k)) i = (i + 1) & kMask;
    slots_[i] = {k, v, true};
  }

  // The word's value, or `none` when it is not in the set.
  Value find(std::string_view w, Value none = {}) const {
    if (w.empty() || w.size() > WordKey::kMaxLength) return none;
    WordKey k(w);
    for (size_t i = k.slot(kMask); slots_[i].used; i = (i + 1) & kMask)
      if (slots_[i].key == k) return slots_[i].value;
    return none;
  }

 private:
  static constexpr size_t kMask = Slots - 1;
  struct Slot {
    WordKey key{std::string_view()};
    Value value{};
    bool used = false;
  };
  std::array<Slot, Slots> slots_{};
};

}  // namespace aihost::local_pii
