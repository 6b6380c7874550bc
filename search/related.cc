#include "search/related.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <unordered_set>

#include "common/schema.h"
#include "common/stored_document.h"
#include "search/term_weight.h"
#include "search/title_match.h"
#include "stories/stories.h"
#include "stories/story_vector.h"
#include "stories/versions.h"

namespace gazette {
namespace {

namespace s = schema;

// How many expansion terms describe the story, and how many candidates are
// re-ranked by date.
constexpr Xapian::termcount kExpansionTerms = 40;
constexpr Xapian::doccount kCandidatesPerHit = 5;
// An expansion term found in more than this share of the articles (1/64)
// only raises the score of candidates that share a rarer one. As one OR,
// every article with any of the 40 terms was matched (whole corpus: 47,000
// postings a search, the commonest term in 5,900 articles on average).
// Without those candidates related recall on the development links is
// the same (0.216 per source), p50 3.9-4.0 ms against 4.8-5.0 (DESIGN.md).
// In a small archive a 64th is a handful of articles, and sharing a word
// with a handful is what makes coverage related: a word is common only
// when found in more than kCommonTermLeast articles too.
constexpr Xapian::doccount kCommonTermDivisor = 64;
constexpr Xapian::doccount kCommonTermLeast = 100;
// The match checks every candidate against each common term, its main cost:
// an article has 13 on average (26 rare ones), more than 10 for 57 % of the
// development sources. Past the 10 of most expansion weight they move no
// related list's recall on the development links (0.216 per source with all
// of them, with 10, 12, 15 or 18; 0.213 with 6), and p50 goes 4.5 -> 3.9 ms.
constexpr size_t kCommonTermsKept = 10;
// Days after which closeness in time halves a candidate's score.
constexpr double kHalfLifeDays = 60;
// How much sharing all of the article's entities (people, places,
// organisations) raises a candidate's score.
constexpr double kSharedEntitiesBoost = 1.0;
// How much being in the article's story (stories/stories.h) raises a
// candidate's score: 1.5 is the best of 1, 1.25, 1.5, 2 and 3 on the
// development links (DESIGN.md, "Stories").
constexpr double kSameStoryBoost = 1.5;

// Keeps the stems of the free text that can say what a story is about
// (stories/story_vector.h).
class StoryTerms : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override { return is_story_word(term); }
};

// What drops a republished copy: title_key_hash() of its folded title, from
// the revision's memory when the caller has it, else from its value.
uint64_t title_key(const RevisionMemory& memory, Xapian::docid did, const Xapian::Document& doc) {
  return memory.columns.empty() ? title_key_hash(doc.get_value(s::kTitleKeySlot)) : memory.title_key_hash(did);
}

// What re-ranks a candidate, read from memory when the caller has the
// revision's columns and stories (a value read is a B-tree look-up: these
// three and the title took a quarter of a related list's time), else from
// the document's values, which `values` then holds for the views.
struct Facts {
  int day = INT_MIN;                       // story_day(); INT_MIN: no date
  std::vector<std::string_view> entities;  // ids, sorted, each once
  std::string_view story;                  // empty: in no story
  std::string values[3];
};

void read_facts(const RevisionMemory& memory, Xapian::docid did, const Xapian::Document& doc, Facts& out) {
  out.entities.clear();
  if (!memory.columns.empty() && memory.stories) {
    const RevisionMemory::DocumentCodes day = memory.codes(Facet::kDate, did);
    out.day = day.codes.empty() ? INT_MIN : story_day(day.column->value(*day.codes.begin()));
    const RevisionMemory::DocumentCodes entities = memory.codes(Facet::kEntity, did);
    for (uint32_t code : entities.codes) out.entities.push_back(entity_entry(entities.column->value(code)).id);
    out.story = memory.stories->story_of(did);
  } else {
    out.day = story_day(out.values[0] = doc.get_value(s::kDateSlot));
    for_each_entity(out.values[1] = doc.get_value(s::kEntitiesSlot),
                    [&](EntityEntry e) { out.entities.push_back(e.id); });
    out.story = out.values[2] = story_id(doc);
  }
  std::sort(out.entities.begin(), out.entities.end());
  out.entities.erase(std::unique(out.entities.begin(), out.entities.end()), out.entities.end());
}

// The share of `source`'s entities that `candidate` names too (both sorted).
double shared_share(const std::vector<std::string_view>& source, const std::vector<std::string_view>& candidate) {
  if (source.empty()) return 0;
  size_t shared = 0;
  for (auto a = source.begin(), b = candidate.begin(); a != source.end() && b != candidate.end();) {
    if (*a < *b) {
      ++a;
    } else if (*b < *a) {
      ++b;
    } else {
      ++shared, ++a, ++b;
    }
  }
  return static_cast<double>(shared) / source.size();
}

double days_apart(int a, int b) {
  if (a == INT_MIN || b == INT_MIN) return kHalfLifeDays;  // unknown: neither near nor far
  return std::abs(a - b);
}

}  // namespace

std::optional<Xapian::MSet> related_candidates(Xapian::Database& db, ShardPlace shards, Xapian::docid source,
                                               const std::string& id, size_t size,
                                               const std::vector<ShardLengths>& lengths) {
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(source);
  StoryTerms story_terms;
  // Exact term frequencies: over shards Xapian would otherwise estimate them
  // from the article's own shard, and related coverage would depend on how
  // the index is split.
  Xapian::ESet eset = enquire.get_eset(kExpansionTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &story_terms);
  if (eset.empty()) return std::nullopt;
  // Over remote shards Database::get_termfreq is a round trip a term and a
  // shard (40 terms over 3 shards on loopback: 8-11 ms); the statistics
  // Xapian gathers for a match take one exchange a shard. Locally that match
  // costs more than the look-ups (p50 +0.2-0.4 ms).
  std::vector<Xapian::doccount> frequencies;
  if (shards == ShardPlace::kRemote) {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, eset.begin(), eset.end()));
    const Xapian::MSet stats = enquire.get_mset(0, 0);
    for (auto t = eset.begin(); t != eset.end(); ++t) frequencies.push_back(stats.get_termfreq(*t));
  } else {
    for (auto t = eset.begin(); t != eset.end(); ++t) frequencies.push_back(db.get_termfreq(*t));
  }
  const Xapian::doccount common_above = std::max(db.get_doccount() / kCommonTermDivisor, kCommonTermLeast);
  std::vector<Xapian::Query> rare, common;
  size_t i = 0;
  for (auto t = eset.begin(); t != eset.end(); ++t, ++i) {
    // A word of the article alone brings no candidate: as a rare word it
    // would make the common ones wait for a match that never comes.
    if (frequencies[i] <= 1) continue;
    // The expansion set comes by decreasing weight: the first common terms
    // are those kept.
    const bool is_common = frequencies[i] > common_above;
    if (is_common && common.size() == kCommonTermsKept) continue;
    (is_common ? common : rare).emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), t.get_weight());
  }
  // AND_MAYBE weighs a candidate as OR would: the sum of the terms it has.
  Xapian::Query story(Xapian::Query::OP_OR, rare.begin(), rare.end());
  Xapian::Query boost(Xapian::Query::OP_OR, common.begin(), common.end());
  if (rare.empty())
    story = boost;
  else if (!common.empty())
    story = Xapian::Query(Xapian::Query::OP_AND_MAYBE, story, boost);
  Xapian::Query query(Xapian::Query::OP_AND_NOT, story, Xapian::Query(id_term(id)));
  enquire.set_query(lengths.empty() ? query : weigh_terms_from_memory(query, db, kXapianBm25, lengths));
  enquire.set_weighting_scheme(kXapianBm25.weight());
  // Versions of one text (stories/versions.h) collapse to one candidate;
  // the article's own versions, and candidates whose title was seen, are
  // dropped by the caller, so ask for one more. (A MatchDecider would drop
  // them during the match, but remote shards cannot run one.)
  enquire.set_collapse_key(s::kVersionsSlot);
  return enquire.get_mset(0, static_cast<Xapian::doccount>(size * kCandidatesPerHit + 1));
}

Result<std::vector<RelatedHit>> find_related(Xapian::Database& db, ShardPlace shards, const std::string& id,
                                             size_t size, const RevisionMemory& memory) {
  const auto found = find_article(db, id);
  if (!found) return Problem{"not_found", "no article with id '" + id + "'", ""};
  const Xapian::docid source = *found;
  const Xapian::Document doc = db.get_document(source);
  const std::optional<Xapian::MSet> mset =
      related_candidates(db, shards, source, id, size,
                         shards == ShardPlace::kLocal ? memory.document_lengths() : std::vector<ShardLengths>{});
  if (!mset) return std::vector<RelatedHit>{};
  const Xapian::doccount candidates = static_cast<Xapian::doccount>(size * kCandidatesPerHit);

  Facts article;
  read_facts(memory, source, doc, article);
  const std::string versions = version_key(doc);
  // Republished copies share a folded title even when their texts differ
  // too much to be versions (a shorter brief, an updated count).
  std::unordered_set<uint64_t> titles{title_key(memory, source, doc)};
  // Candidates are scored from memory (or their values); only the chosen
  // few are read.
  struct Candidate {
    Xapian::Document doc;
    double score;
  };
  std::vector<Candidate> scored;
  Facts facts;
  for (auto it = mset->begin(); it != mset->end() && scored.size() < candidates; ++it) {
    if (!versions.empty() && it.get_collapse_key() == versions) continue;
    Xapian::Document d = it.get_document();
    if (!titles.insert(title_key(memory, *it, d)).second) continue;
    read_facts(memory, *it, d, facts);
    double closeness = std::exp2(-days_apart(article.day, facts.day) / kHalfLifeDays);
    double sharing = 1 + kSharedEntitiesBoost * shared_share(article.entities, facts.entities);
    double same_story = !article.story.empty() && facts.story == article.story ? kSameStoryBoost : 1;
    scored.push_back({std::move(d), it.get_weight() * (0.5 + closeness) * sharing * same_story});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  if (scored.size() > size) scored.resize(size);
  std::vector<RelatedHit> hits;
  for (Candidate& c : scored) {
    Result<Article> article = read_article(c.doc);
    if (!article) return article.problem();
    hits.push_back({std::move(article).value(), c.score});
  }
  return hits;
}

}  // namespace gazette
