#include "stories/minhash.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "common/french_analyzer.h"

namespace gazette {
namespace {

constexpr uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The hash functions: h(x) = (a x + b) >> 32 over 64 bits, a odd, the
// multiply-shift family (Dietzfelbinger). Fixed constants: signatures
// written by one indexer must compare with those of the next.
struct HashFunctions {
  std::array<uint64_t, MinHashSignature::kHashes> a{}, b{};
  constexpr HashFunctions() {
    uint64_t state = 20261130;
    for (size_t i = 0; i < MinHashSignature::kHashes; ++i) {
      a[i] = splitmix64(state) | 1;
      b[i] = splitmix64(state);
    }
  }
};
constexpr HashFunctions kFunctions;

// The least h_k of the shingles of `words`, for each k. The writers' own
// work spent 4 % of its instructions here, 64 multiplications a shingle:
// with AVX2 (where the CPU has it; the same values on every CPU) the
// compiler computes four functions at a time, 3.3 times as fast.
#if defined(__x86_64__)
#define GAZETTE_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define GAZETTE_AVX2_CLONES
#endif
GAZETTE_AVX2_CLONES std::array<uint32_t, MinHashSignature::kHashes> least_hashes(const std::vector<uint64_t>& words) {
  std::array<uint32_t, MinHashSignature::kHashes> mins;
  mins.fill(std::numeric_limits<uint32_t>::max());
  for (size_t i = 0; i + MinHashSignature::kShingleWords <= words.size(); ++i) {
    uint64_t shingle = 0;
    for (size_t j = 0; j < MinHashSignature::kShingleWords; ++j) shingle = (shingle * 0x100000001b3ULL) ^ words[i + j];
    for (size_t k = 0; k < MinHashSignature::kHashes; ++k)
      mins[k] = std::min(mins[k], static_cast<uint32_t>((kFunctions.a[k] * shingle + kFunctions.b[k]) >> 32));
  }
  return mins;
}

}  // namespace

uint64_t MinHashSignature::hash_word(std::string_view folded) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then mixed: words are short
  for (unsigned char c : folded) h = (h ^ c) * 0x100000001b3ULL;
  return splitmix64(h);
}

std::optional<MinHashSignature> MinHashSignature::of_texts(const std::vector<std::string_view>& texts) {
  Builder builder;
  for (std::string_view text : texts) tokenize(text, [&](const Token& t) { builder.add_word(hash_word(t.folded)); });
  return builder.finish();
}

void MinHashSignature::Builder::add_word(uint64_t word_hash) { words_.push_back(word_hash); }

std::optional<MinHashSignature> MinHashSignature::Builder::finish() const {
  if (words_.size() < kShingleWords + kMinShingles - 1) return std::nullopt;
  const std::array<uint32_t, kHashes> mins = least_hashes(words_);
  // The low 16 bits of each least value: equal values stay equal, and
  // unequal ones agree by chance once in 65,536.
  MinHashSignature s;
  for (size_t k = 0; k < kHashes; ++k) s.mins_[k] = static_cast<uint16_t>(mins[k]);
  return s;
}

double MinHashSignature::similarity(const MinHashSignature& other) const {
  size_t same = 0;
  for (size_t k = 0; k < kHashes; ++k) same += mins_[k] == other.mins_[k];
  return static_cast<double>(same) / kHashes;
}

std::array<uint64_t, MinHashSignature::kBands> MinHashSignature::band_keys() const {
  std::array<uint64_t, kBands> keys{};
  for (size_t band = 0; band < kBands; ++band) {
    uint64_t key = 0;
    for (size_t r = 0; r < kRows; ++r) key = (key << 16) | mins_[band * kRows + r];
    keys[band] = key;
  }
  return keys;
}

std::string MinHashSignature::serialise() const {
  std::string bytes(kHashes * 2, '\0');
  for (size_t k = 0; k < kHashes; ++k) {
    bytes[2 * k] = static_cast<char>(mins_[k] & 0xff);
    bytes[2 * k + 1] = static_cast<char>(mins_[k] >> 8);
  }
  return bytes;
}

std::optional<MinHashSignature> MinHashSignature::parse(std::string_view bytes) {
  if (bytes.size() != kHashes * 2) return std::nullopt;
  MinHashSignature s;
  for (size_t k = 0; k < kHashes; ++k)
    s.mins_[k] = static_cast<uint16_t>(static_cast<unsigned char>(bytes[2 * k]) |
                                       static_cast<unsigned char>(bytes[2 * k + 1]) << 8);
  return s;
}

}  // namespace gazette
