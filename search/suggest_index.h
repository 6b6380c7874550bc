// Suggestions (suggest.h) from memory, cheap enough for every keystroke: one
// revision's title words with their stems and counts, its entities with their names
// and counts, and its documents in date order with the words of their
// titles. Built once from Xapian's term lists, posting lists and value
// streams (for 63,000 articles: about 0.4 s and 12 MB), then immutable, so
// that one copy per revision is shared read-only by every thread
// (RevisionCache, revision_cache.h): its const members are thread-safe.
//
// It gives what suggest() gives, reading from the index only what it shows:
// the articles that each completion finds, and the titles (their stored id
// and title):
//  - completions: the title words that start with the last typed word, by
//    binary search in the sorted words, with their stems and their titles:
//    those that hold every word typed before it too (the titles of the
//    rarest of those are read), or all when none does; then
//    counted_completions (suggest.h) chooses and counts them. (suggest()
//    reads at most the first 20,000 such words of all titles.)
//  - entities: by binary search in the sorted starts of the words of every
//    entity's slug, so find_entities' rule and order (entity_directory.h);
//    a short prefix reads the best of whole blocks of them.
//  - titles: the newest articles (ties: lowest document id, as Xapian sorts
//    by value) whose title holds every earlier word and, for the last one,
//    one of the kTitleExpansion most frequent title words that start with it
//    (ties in term order, where Xapian takes any of them) or the word
//    itself; one per title key. The shortest posting list of those words is
//    walked newest first until enough titles are found, not every match.
//
// Documents are named by the ids of the Database it was built from: use a
// handle at that revision (ShardSet::local_revision() names it) or a later
// one, which is what the service does while it builds the next (a build
// takes about 0.4 s, too long for a keystroke to wait): completions are
// counted in the handle's revision, but titles and words added since are
// missing until the next build, and titles deleted since are left out. Several
// local shards read as one database are fine: nothing here goes through a
// MatchSpy, and get_document() reads the combined database's ids back.
// Remote shards are not: a build would fetch every title posting over the
// network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/problem.h"
#include "search/entity_directory.h"
#include "search/suggest.h"

namespace gazette {

class SuggestIndex {
 public:
  // Reads every title word, entity and document of `db`. Throws what Xapian
  // throws while reading (DatabaseModifiedError when commits discard the
  // revision: the caller reopens and tries again).
  explicit SuggestIndex(const Xapian::Database& db);

  // What suggest(db, prefix, size) gives when `db` reads the revision this
  // index was built from; a later revision: see above. Problem "bad_stored_document" when a title's
  // article cannot be read; Xapian's errors propagate.
  Result<Suggestions> suggest(const Xapian::Database& db, std::string_view prefix, size_t size) const;

  // The parts of suggest(). Completions of typed.last, counted in `db`.
  std::vector<Suggestions::Completion> completions(const Xapian::Database& db, const TypedPrefix& typed,
                                                   size_t size) const;
  // As find_entities(db, prefix, std::nullopt, size).
  std::vector<EntitySummary> find_entities(std::string_view prefix, size_t size) const;
  // The documents whose titles suggest() shows, newest first.
  std::vector<Xapian::docid> title_documents(const TypedPrefix& typed, size_t size) const;

  size_t title_words() const { return words_.size(); }
  size_t entities() const { return entity_ids_.size(); }
  size_t bytes() const;

 private:
  using WordId = uint32_t;
  using Rank = uint32_t;  // a document's place in date order, newest first

  // Strings end to end, [i] the i-th added.
  class Strings {
   public:
    void add(std::string_view s);
    std::string_view operator[](uint32_t i) const {
      const uint32_t begin = i == 0 ? 0 : ends_[i - 1];
      return std::string_view(chars_).substr(begin, ends_[i] - begin);
    }
    uint32_t size() const { return static_cast<uint32_t>(ends_.size()); }
    size_t bytes() const { return chars_.capacity() + ends_.capacity() * sizeof(uint32_t); }
    void shrink_to_fit();

   private:
    std::string chars_;
    std::vector<uint32_t> ends_;
  };
  // Lists of numbers end to end, [i] the i-th.
  struct Lists {
    std::vector<uint32_t> starts{0};  // list i is values[starts[i], starts[i + 1])
    std::vector<uint32_t> values;
    const uint32_t* begin(uint32_t i) const { return values.data() + starts[i]; }
    const uint32_t* end(uint32_t i) const { return values.data() + starts[i + 1]; }
    size_t bytes() const { return (starts.capacity() + values.capacity()) * sizeof(uint32_t); }
  };

  void read_documents(const Xapian::Database& db, std::vector<Rank>& rank_of);
  void read_title_words(const Xapian::Database& db, const std::vector<Rank>& rank_of);
  void read_entities(const Xapian::Database& db);

  std::optional<WordId> find_word(std::string_view w) const;
  // The ids of `words`, sorted, each once; nullopt when one is no title word.
  std::optional<std::vector<WordId>> find_words(const std::vector<std::string>& words) const;
  // The words that start with `prefix`, as [first, last).
  std::pair<WordId, WordId> words_starting(std::string_view prefix) const;
  // The `k` most frequent words of [first, last), most frequent first.
  std::vector<WordId> most_frequent(std::pair<WordId, WordId> words, size_t k) const;
  // More articles, or as many and first in id order.
  bool more_articles(uint32_t a, uint32_t b) const;
  std::string_view slug_from(const std::pair<uint32_t, uint32_t>& word_start) const {
    return entity_ids_[word_start.first].substr(word_start.second);
  }

  // Title words in term order, each with its stem stems_[w], in counts_[w]
  // documents, whose ranks are postings_[w] in increasing order.
  Strings words_, stems_;
  std::vector<Xapian::doccount> counts_;
  Lists postings_;

  // Per rank: the document, a code of its title key (kTitleKeySlot), and
  // the words of its title in increasing order.
  std::vector<Xapian::docid> docids_;
  std::vector<uint32_t> title_keys_;
  Lists doc_words_;

  // Entities in id order ("p:emmanuel-macron"), and each start of a word of
  // their slugs, as (entity, offset in its id), in the order of what follows.
  Strings entity_ids_, entity_names_;
  std::vector<Xapian::doccount> entity_articles_;
  std::vector<std::pair<uint32_t, uint32_t>> word_starts_;
  // The best kBlockBest entities (most articles first; kNoEntity pads) of
  // each block of kBlock word starts.
  static constexpr size_t kBlock = 64, kBlockBest = kMaxSuggestedEntities;
  std::vector<uint32_t> block_best_;
};

}  // namespace gazette
