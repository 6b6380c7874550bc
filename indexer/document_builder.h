// Turns an Article into the Xapian::Document that the index stores for it:
// the analysed text terms (common/schema.h names their prefixes), its entities,
// and the stored fields that common/stored_document.h writes.
//
// A DocumentBuilder owns a FrenchAnalyzer and so is not thread-safe: use one
// per analysis thread. Documents it returns are independent of it.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/french_analyzer.h"
#include "common/stored_document.h"
#include "common/string_hash.h"
#include "entities/entity_extractor.h"
#include "indexer/import_stats.h"
#include "stories/minhash.h"

namespace gazette {

// The process's extractor, loaded on first use from the data file named by
// $GAZETTE_ENTITY_DATA, else the one scripts/fetch-geo-data.sh wrote into the
// build folder; without either it works with its compiled-in facts only.
const EntityExtractor& shared_entity_extractor();

// The quotes of an article's body (entities/quotes.h), each speaker that is
// one of the article's people named by that person's entity.
std::vector<ArticleQuote> quotes_of(std::string_view body, const std::vector<Entity>& entities);

class DocumentBuilder {
 public:
  // `entities`: the extractor to find people, places and organisations
  // with (shared, not owned); null to index without entities.
  explicit DocumentBuilder(const EntityExtractor* entities = &shared_entity_extractor());

  // `stored` is the article's stored form (stored_document.h). `times`, when
  // given, gets the time of analysis, entity extraction and stored fields
  // (import_stats.h).
  Xapian::Document build(const Article& article, const StoredForm& stored, StageTimes* times = nullptr);

  // The words of `text` worth offering as spelling corrections: folded,
  // without digits, at least 4 letters, not stop words.
  std::vector<std::string> spelling_words(const std::string& text) const;
  // Whether a folded word is one of those.
  bool is_spelling_word(std::string_view folded) const;

 private:
  // A field's own terms, besides the free text: its stems under Z + prefix
  // (with positions counted on from *positions when given) and, when
  // `exact`, its exact words under the prefix.
  struct FieldTerms {
    std::string_view prefix;  // empty: the text has no field terms
    bool exact = true;
    Xapian::termpos* positions = nullptr;
  };

  // Each free-text word of a text: its byte offset in the text, its position.
  using WordPlaces = std::vector<std::pair<size_t, Xapian::termpos>>;

  // Indexes the words of `text` in one pass: into the free text when
  // `free_pos` is given (the unprefixed exact words, and their stems under
  // Z with positions counted on from *free_pos, all with wdf `free_wdf`; and
  // into the text's signature; each word's place into `places` when given),
  // and as `field` says.
  void index_text(Xapian::Document& doc, std::string_view text, Xapian::termpos* free_pos, Xapian::termcount free_wdf,
                  const FieldTerms& field, WordPlaces* places = nullptr);

  // Marks the words of the body's quotes in the free text (schema::kQuote),
  // where index_text() put `words` (summary_words_ and rest_words_).
  void mark_quotes(Xapian::Document& doc, std::string_view body, const SummaryText& words,
                   const std::vector<ArticleQuote>& quotes);

  // The stem of a folded word, remembered: French text repeats its words,
  // and Snowball stemming was a sixth of an import's instructions. Valid
  // until the next call.
  const std::string& stem(std::string_view folded);
  // Enough for the vocabulary of a large archive; past it the cache starts
  // over rather than grow without bound on junk tokens.
  static constexpr size_t kMaxCachedStems = 1 << 19;
  // The words stemmed last, one per slot chosen by the word's hash, in front
  // of stems_: most of a text is a few thousand frequent words, found here
  // in the processor's caches, where a look-up in stems_ waited for memory
  // twice, for its bucket and its node (perf: 5.7 % of an import's time, in
  // three instructions of stem()).
  struct RecentStem {
    size_t hash = 0;
    std::string word, stem;
  };
  static constexpr size_t kRecentStems = 1 << 14;

  FrenchAnalyzer analyzer_;
  MinHashSignature::Builder signature_;  // of the article being built
  StringMap<std::string> stems_;
  std::vector<RecentStem> recent_;                      // kRecentStems slots
  WordPlaces summary_words_, rest_words_, body_words_;  // build()'s, kept for their capacity
  const EntityExtractor* entities_;
};

}  // namespace gazette
