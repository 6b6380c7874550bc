// A MinHash signature of an article's text, the fingerprint that finds its
// near-duplicates (wire copies, updated versions of one dispatch, the same
// text under two sources) without comparing texts.
//
// The text is cut into shingles (kShingleWords consecutive folded words), and
// the signature keeps, for each of kHashes hash functions, the least hash of
// any shingle: two signatures agree on a function with probability equal to
// the Jaccard similarity of their shingle sets (Broder 1997). Locality-
// sensitive hashing finds candidate pairs without comparing every pair: the
// signature is cut into kBands bands of kRows values, and two texts that agree
// on a whole band are candidates (Leskovec, Rajaraman, Ullman, "Mining of
// Massive Datasets", ch. 3). With 8 bands of 2 rows (16 of the 64 values),
// a pair of similarity 0.6 is a candidate with probability 0.97, 0.5 with
// 0.90, 0.3 with 0.53; the similarity is then estimated on all 64. Each band
// is a term in the index, and 16 bands of 3 rows (0.98 at 0.6) cost twice
// the terms: 11 % more of the writer's CPU on the shared corpus.
//
// Pure functions and values: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

class MinHashSignature {
 public:
  static constexpr size_t kHashes = 64;
  static constexpr size_t kBands = 8;
  static constexpr size_t kRows = 2;
  static constexpr size_t kShingleWords = 4;
  // Fewer shingles than this say too little to call two texts copies: such
  // texts (a caption, a one-line brief) get no signature.
  static constexpr size_t kMinShingles = 12;

  // Adds words in text order: hash_word() of each folded word.
  class Builder {
   public:
    void add_word(uint64_t word_hash);
    // Starts a new text, keeping the memory.
    void clear() { words_.clear(); }
    // The signature of the words added, or nullopt when they were too few.
    std::optional<MinHashSignature> finish() const;

   private:
    std::vector<uint64_t> words_;
  };
  static uint64_t hash_word(std::string_view folded);
  // The signature of the words of `texts` in order (tokenize(), folded), as
  // the indexer makes it while it analyses title, summary and body.
  static std::optional<MinHashSignature> of_texts(const std::vector<std::string_view>& texts);

  // The estimated Jaccard similarity of the two texts' shingle sets: the
  // share of hash functions on which the signatures agree.
  double similarity(const MinHashSignature& other) const;

  // The rows of each band, packed: band b of two signatures is equal when
  // they agree on all of its rows (the band number is not in the key).
  std::array<uint64_t, kBands> band_keys() const;

  // kHashes * 2 bytes, and back; nullopt when `bytes` is not one.
  std::string serialise() const;
  static std::optional<MinHashSignature> parse(std::string_view bytes);

 private:
  std::array<uint16_t, kHashes> mins_{};
};

}  // namespace gazette
