#include "searcher/related.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/value_list.h"
#include "searcher/searcher.h"

namespace gazette {
namespace {

namespace s = schema;

// How many expansion terms describe the story, and how many candidates are
// re-ranked by date.
constexpr Xapian::termcount kExpansionTerms = 40;
constexpr Xapian::doccount kCandidatesPerHit = 5;
// Days after which closeness in time halves a candidate's score.
constexpr double kHalfLifeDays = 60;
// How much sharing all of the article's entities (people, places,
// organisations) raises a candidate's score.
constexpr double kSharedEntitiesBoost = 1.0;

// Keeps the stems of the free text ("Z" + lower-case word), minus stop words
// and numbers, which say little about a story.
class StoryTerms : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 4 || term[0] != s::kStemPrefix[0]) return false;
    char c = term[1];
    if (c >= 'A' && c <= 'Z') return false;  // a field's stems
    std::string word = term.substr(1);
    if (std::all_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return false;
    return !analyzer_.is_stopword(word);
  }

 private:
  FrenchAnalyzer analyzer_;
};

// Refuses other copies of the article (same folded title).
class NotACopy : public Xapian::MatchDecider {
 public:
  explicit NotACopy(std::string title_key) : title_key_(std::move(title_key)) {}
  bool operator()(const Xapian::Document& doc) const override {
    return doc.get_value(s::kTitleKeySlot) != title_key_;
  }

 private:
  std::string title_key_;
};

std::set<std::string> entity_ids(const Xapian::Document& doc) {
  std::set<std::string> ids;
  for_each_value(doc.get_value(s::kEntitiesSlot), [&](std::string_view entry) {
    ids.emplace(entry.substr(0, entry.find(s::kEntityNameSeparator)));
  });
  return ids;
}

double shared_share(const std::set<std::string>& source, const std::set<std::string>& candidate) {
  if (source.empty()) return 0;
  size_t shared = 0;
  for (const auto& id : candidate) shared += source.count(id);
  return static_cast<double>(shared) / source.size();
}

double days_apart(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return kHalfLifeDays;  // unknown: neither near nor far
  return std::fabs(Xapian::sortable_unserialise(a) - Xapian::sortable_unserialise(b)) / 86400.0;
}

}  // namespace

std::optional<std::vector<RelatedHit>> find_related(Xapian::Database& db, const std::string& id, size_t size) {
  const std::string id_term = s::kId + id;
  Xapian::PostingIterator p = db.postlist_begin(id_term);
  if (p == db.postlist_end(id_term)) return std::nullopt;
  const Xapian::docid source = *p;
  const Xapian::Document doc = db.get_document(source);

  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(source);
  StoryTerms story_terms;
  Xapian::ESet eset = enquire.get_eset(kExpansionTerms, rset, &story_terms);
  std::vector<Xapian::Query> terms;
  for (auto t = eset.begin(); t != eset.end(); ++t)
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), t.get_weight());
  if (terms.empty()) return std::vector<RelatedHit>{};

  Xapian::Query story(Xapian::Query::OP_OR, terms.begin(), terms.end());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, story, Xapian::Query(id_term)));
  enquire.set_collapse_key(s::kTitleKeySlot);
  NotACopy not_a_copy(doc.get_value(s::kTitleKeySlot));
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(size * kCandidatesPerHit), nullptr, &not_a_copy);

  const std::string when = doc.get_value(s::kTimestampSlot);
  const std::set<std::string> entities = entity_ids(doc);
  std::vector<RelatedHit> hits;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document d = it.get_document();
    double closeness = std::exp2(-days_apart(when, d.get_value(s::kTimestampSlot)) / kHalfLifeDays);
    double sharing = 1 + kSharedEntitiesBoost * shared_share(entities, entity_ids(d));
    hits.push_back({article_from_document(d), it.get_weight() * (0.5 + closeness) * sharing});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const RelatedHit& a, const RelatedHit& b) { return a.score > b.score; });
  if (hits.size() > size) hits.resize(size);
  return hits;
}

}  // namespace gazette
