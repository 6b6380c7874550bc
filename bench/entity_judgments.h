// Entities tagged by hand (tests/data/entities-gold/: GUIDELINES.md says
// what is tagged) and the score of an extractor against them. Used by
// gazette-entity-quality, which prints the figures, and by entities_test,
// which holds the extractor to them.
//
// Matching. An extracted entity matches a tagged one of the same type when one
// of its written forms or its name folds (facet_key: no case, no accents) to
// one of the tagged forms or name. Each tagged entity matches once; a second
// extracted entity that matches it is a fragment ("Macron" beside "Emmanuel
// Macron") and counts against precision. An extracted entity whose forms
// match a tagged entity of another type is a wrong type: it counts against
// precision, and the tagged entity stays missed unless another one matches it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "common/entity.h"
#include "entities/entity_extractor.h"

namespace gazette::bench {

struct JudgedEntity {
  EntityType type = EntityType::kPerson;
  std::string name;
  std::vector<std::string> forms;  // as written in the article
};

struct JudgedArticle {
  std::string id, source, set;       // set: "dev" (read while tuning) or "check"
  std::string title, summary, body;  // from the corpus
  std::vector<JudgedEntity> entities;
};

// Reads the JSON Lines file of GUIDELINES.md (ids and tags), then the text
// of each article from the shared corpus in `corpus_dir` (its files
// lemonde2022.jsonl.gz, orangesum.jsonl.gz, wikinews.jsonl), without the
// boilerplate, as the indexer stores it: the corpus may not be copied into
// the repository. On a line that is not valid JSON or lacks a field, or an
// article not found in the corpus, returns nullopt and sets `error` to
// "file:line: why".
std::optional<std::vector<JudgedArticle>> read_judged_articles(const std::string& path, const std::string& corpus_dir,
                                                               std::string& error);

// What happened to each entity, on either side.
enum class Outcome { kMatched, kMissed, kSpurious, kFragment, kWrongType };
const char* outcome_name(Outcome outcome);

struct EntityOutcome {
  Outcome outcome;
  EntityType type;    // the tagged type for kMissed, else the extracted type
  std::string name;   // the entity's name on its side
  std::string forms;  // its forms, joined with " | "
};

struct ArticleScore {
  const JudgedArticle* article = nullptr;
  std::vector<EntityOutcome> outcomes;  // every tagged and every extracted entity
};

// Counts by type (indexed by EntityType), for a set of articles.
struct EntityScore {
  std::array<size_t, 3> tagged{}, extracted{}, matched{};
  size_t total(const std::array<size_t, 3>& by_type) const { return by_type[0] + by_type[1] + by_type[2]; }
  // nullopt where the denominator is 0.
  std::optional<double> recall(std::optional<EntityType> type = std::nullopt) const;
  std::optional<double> precision(std::optional<EntityType> type = std::nullopt) const;
  void add(const ArticleScore& article);
};

ArticleScore score_article(const JudgedArticle& article, const std::vector<Entity>& extracted);

}  // namespace gazette::bench
