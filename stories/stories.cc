#include "stories/stories.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "common/date.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "stories/story_vector.h"

namespace gazette {
namespace s = schema;
namespace {

// Candidate stories compared with an article, at most: the ones its nearest
// articles belong to.
constexpr size_t kCandidateStories = 10;
// How many recent articles sharing one term are looked at (a term that
// every article of the week shares would otherwise be read whole).
constexpr size_t kPostingsPerTerm = 100;
// How many articles near in time the search of an article's terms returns.
constexpr Xapian::doccount kNeighbours = 50;

// "YYYYMMDD" of a day since 1970, as kDateSlot holds dates.
std::string compact_date_of_day(int day) {
  const time_t seconds = static_cast<time_t>(day) * 86400;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

// The documents published from day `from` to day `to`, by their day terms.
Xapian::Query days_query(int from, int to) {
  std::vector<Xapian::Query> days;
  for (int day = from; day <= to; ++day) days.emplace_back(s::kDay + compact_date_of_day(day));
  return Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end());
}

template <typename Key>
using Terms = std::vector<std::pair<Key, float>>;

// The candidate that an article joins (an index into `candidates`), if one
// is close enough; `cosine_of(candidate)` is the article's cosine with the
// candidate's centroid.
template <typename Candidate, typename CosineOf>
std::optional<size_t> best_story(const std::vector<Candidate>& candidates, CosineOf&& cosine_of, double threshold) {
  std::optional<size_t> best;
  double best_cosine = threshold;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const double cosine = cosine_of(candidates[i]);
    if (cosine >= best_cosine) best = i, best_cosine = cosine;
  }
  return best;
}

// Centroid<uint32_t>'s cosine for terms numbered densely (StoryVectors),
// summed in one array that every centroid reuses: a whole index's
// clustering sums some 10 members' terms for each of up to
// kCandidateStories stories per article, and hashing them was a third of
// it. The same sums and dot product; the norm adds the same squares in
// another order. Not thread-safe.
class DenseCentroid {
 public:
  explicit DenseCentroid(size_t terms) : sum_(terms) {}

  // The cosine of `v`, a unit vector, with the centroid of `members`; 0 for
  // an empty one.
  double cosine(const Terms<uint32_t>& v, const std::vector<const Terms<uint32_t>*>& members) {
    for (const Terms<uint32_t>* m : members)
      for (const auto& [term, w] : *m) {
        if (sum_[term] == 0) touched_.push_back(term);  // weights are positive
        sum_[term] += w;
      }
    double norm = 0;
    for (uint32_t term : touched_) norm += sum_[term] * sum_[term];
    double dot = 0;
    for (const auto& [term, w] : v) dot += w * sum_[term];
    for (uint32_t term : touched_) sum_[term] = 0;
    touched_.clear();
    return norm == 0 ? 0 : dot / std::sqrt(norm);
  }

 private:
  std::vector<double> sum_;  // by term number; 0 outside cosine()
  std::vector<uint32_t> touched_;
};

// --- A whole index, in memory ---------------------------------------------

class Clustering {
 public:
  Clustering(const std::vector<Xapian::Database>& shards, const StoryParameters& p)
      : p_(p), vectors_(shards), centroid_(vectors_.term_count()) {
    for (const Xapian::Database& shard : shards) db_.add_database(shard);
  }

  std::vector<StoryChange> run() {
    read();
    std::vector<uint32_t> order(items_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return std::tie(items_[a].day, items_[a].id) < std::tie(items_[b].day, items_[b].id);
    });
    postings_.resize(vectors_.term_count());
    for (uint32_t i : order) place(i);
    std::vector<StoryChange> out;
    out.reserve(items_.size());
    for (const Item& item : items_)
      out.push_back({item.doc, stories_[item.story].id, vectors_.spelt(item.doc).serialise()});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.doc < b.doc; });
    return out;
  }

 private:
  struct Item {
    Xapian::docid doc;
    int day;
    std::string id;
    const Terms<uint32_t>* terms;  // in vectors_
    uint32_t story = 0;
  };
  struct Story {
    std::string id;
    std::vector<uint32_t> members;  // in date order
  };

  void read() {
    std::unordered_map<Xapian::docid, int> days;
    for (auto v = db_.valuestream_begin(s::kDateSlot); v != db_.valuestream_end(s::kDateSlot); ++v)
      days[v.get_docid()] = story_day(*v);
    std::vector<std::string> ids = article_ids(db_);
    for (auto d = db_.postlist_begin(""); d != db_.postlist_end(""); ++d) {
      Item item{*d, INT_MIN, std::move(ids[*d]), &vectors_.of(*d)};
      if (auto it = days.find(*d); it != days.end()) item.day = it->second;
      items_.push_back(std::move(item));
    }
  }

  // Joins item i to a story, or starts one; the items before it in date
  // order are placed.
  void place(uint32_t i) {
    Item& item = items_[i];
    std::optional<uint32_t> joined;
    if (item.day != INT_MIN) {
      const int since = item.day - p_.window_days;
      // Shared terms, summed over the recent articles of each story, pick
      // the stories to compare.
      std::unordered_map<uint32_t, double> shared;
      for (const auto& [term, w] : *item.terms) {
        const auto& posting = postings_[term];
        size_t seen = 0;
        for (auto p = posting.rbegin(); p != posting.rend() && seen < kPostingsPerTerm; ++p, ++seen) {
          if (items_[*p].day < since) break;
          shared[items_[*p].story] += w;
        }
      }
      std::vector<std::pair<double, uint32_t>> ranked;
      for (const auto& [story, w] : shared) ranked.emplace_back(-w, story);
      std::sort(ranked.begin(), ranked.end());
      if (ranked.size() > kCandidateStories) ranked.resize(kCandidateStories);
      std::vector<uint32_t> candidates;
      for (const auto& [w, story] : ranked) candidates.push_back(story);
      auto members_of = [&](uint32_t story) {
        std::vector<const Terms<uint32_t>*> members;
        const auto& all = stories_[story].members;
        for (auto m = all.rbegin(); m != all.rend() && members.size() < p_.centroid_members; ++m) {
          if (items_[*m].day < since) break;
          members.push_back(items_[*m].terms);
        }
        return members;
      };
      auto cosine_of = [&](uint32_t story) { return centroid_.cosine(*item.terms, members_of(story)); };
      if (auto best = best_story(candidates, cosine_of, p_.threshold)) joined = candidates[*best];
    }
    if (joined) {
      item.story = *joined;
      stories_[item.story].members.push_back(i);
    } else {
      item.story = static_cast<uint32_t>(stories_.size());
      stories_.push_back({item.id, {i}});
    }
    if (item.day != INT_MIN)
      for (const auto& [term, w] : *item.terms) postings_[term].push_back(i);
  }

  Xapian::Database db_;  // the shards as one
  const StoryParameters& p_;
  const StoryVectors vectors_;
  DenseCentroid centroid_;
  std::vector<Item> items_;
  std::vector<Story> stories_;
  std::vector<std::vector<uint32_t>> postings_;  // per term number, the placed items in date order
};

// --- Articles added to an index ---------------------------------------------

class Tracking {
 public:
  Tracking(const Xapian::Database& db, const StoryParameters& p) : db_(db), p_(p), stats_(db) {}

  std::vector<StoryChange> run(const std::vector<Xapian::docid>& scope) {
    struct New {
      int day;
      std::string id;
      Xapian::docid doc;
    };
    std::vector<New> order;
    for (Xapian::docid did : scope) {
      Member& m = member(did);
      m.vector = StoryVector::of_document(db_, did, stats_);
      order.push_back({m.day, article_id(db_, did), did});
    }
    std::sort(order.begin(), order.end(),
              [](const New& a, const New& b) { return std::tie(a.day, a.id) < std::tie(b.day, b.id); });
    std::vector<StoryChange> out;
    for (const New& n : order) {
      Member& m = member(n.doc);
      m.story = n.day == INT_MIN ? n.id : story_near(n.doc, m).value_or(n.id);
      added_[m.story].push_back(n.doc);
      out.push_back({n.doc, m.story, m.vector.serialise()});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.doc < b.doc; });
    return out;
  }

 private:
  struct Member {
    int day = INT_MIN;
    std::string story;  // empty: none yet
    StoryVector vector;
  };

  Member& member(Xapian::docid did) {
    auto it = members_.find(did);
    if (it != members_.end()) return it->second;
    Xapian::Document doc = db_.get_document(did, Xapian::DOC_ASSUME_VALID);
    Member m;
    m.day = story_day(doc.get_value(s::kDateSlot));
    m.story = story_id(doc);
    m.vector = StoryVector::parse(doc.get_value(s::kStoryVectorSlot)).value_or(StoryVector());
    return members_.emplace(did, std::move(m)).first->second;
  }

  // The story of the articles near `did` in time and text that it is most
  // like, if one is close enough.
  std::optional<std::string> story_near(Xapian::docid did, const Member& m) {
    std::vector<Xapian::Query> terms;
    for (const auto& [term, w] : m.vector.terms()) terms.emplace_back(term);
    if (terms.empty()) return std::nullopt;
    // The window by its day terms: a few hundred postings, where a range of
    // the date slot would read every document's date.
    const Xapian::Query window = days_query(m.day - p_.window_days, m.day + p_.window_days);
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                    Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), window));
    std::vector<std::string> candidates;
    for (const Xapian::docid n : enquire.get_mset(0, kNeighbours)) {
      if (n == did) continue;
      const std::string& story = member(n).story;
      if (!story.empty() && std::find(candidates.begin(), candidates.end(), story) == candidates.end())
        candidates.push_back(story);
      if (candidates.size() == kCandidateStories) break;
    }
    if (candidates.empty()) return std::nullopt;
    // The candidates' articles in the window, and this run's. Every article
    // of the window is read for its story: an OR of value ranges would make
    // Xapian scan the story slot of the whole index for each. They are read
    // in id order from the slot's value stream, where one chunk holds the
    // stories of many articles: a document's value is a B-tree look-up each
    // (an API write's window holds 2,200 articles on average: 4.3 ms).
    std::unordered_map<std::string, std::vector<std::pair<int, Xapian::docid>>> near;
    auto consider = [&](Xapian::docid n) {
      const Member& other = member(n);
      if (std::abs(other.day - m.day) <= p_.window_days) near[other.story].emplace_back(std::abs(other.day - m.day), n);
    };
    Xapian::Enquire members(db_);
    members.set_query(window);
    members.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet in_window = members.get_mset(0, db_.get_doccount());
    std::vector<Xapian::docid> by_id(in_window.begin(), in_window.end());
    std::sort(by_id.begin(), by_id.end());
    Xapian::ValueIterator story = db_.valuestream_begin(s::kStorySlot);
    for (Xapian::docid n : by_id) {
      story.skip_to(n);
      if (story == db_.valuestream_end(s::kStorySlot)) break;
      if (story.get_docid() != n) continue;  // in no story
      if (std::find(candidates.begin(), candidates.end(), *story) != candidates.end()) consider(n);
    }
    for (const std::string& c : candidates)
      if (auto it = added_.find(c); it != added_.end())
        for (Xapian::docid n : it->second) consider(n);
    // Each story's centroid_members articles nearest to the article.
    auto members_of = [&](const std::string& story) {
      auto& list = near[story];
      std::sort(list.begin(), list.end());
      std::vector<const Terms<std::string>*> out;
      for (size_t k = 0; k < list.size() && k < p_.centroid_members; ++k)
        out.push_back(&member(list[k].second).vector.terms());
      return out;
    };
    auto cosine_of = [&](const std::string& story) { return centroid_cosine(m.vector.terms(), members_of(story)); };
    auto best = best_story(candidates, cosine_of, p_.threshold);
    if (!best) return std::nullopt;
    return candidates[*best];
  }

  const Xapian::Database& db_;
  const StoryParameters& p_;
  TermStatistics stats_;
  std::unordered_map<Xapian::docid, Member> members_;
  std::unordered_map<std::string, std::vector<Xapian::docid>> added_;  // this run's members, by story
};

}  // namespace

std::vector<StoryChange> find_all_stories(const std::vector<Xapian::Database>& shards,
                                          const StoryParameters& parameters) {
  return Clustering(shards, parameters).run();
}

std::vector<StoryChange> find_story_changes(const Xapian::Database& db, const std::vector<Xapian::docid>& scope,
                                            const StoryParameters& parameters) {
  return Tracking(db, parameters).run(scope);
}

void write_story(Xapian::WritableDatabase& db, Xapian::docid did, const StoryChange& change) {
  Xapian::Document doc = db.get_document(did);
  doc.add_value(s::kStorySlot, change.story);
  if (!change.vector.empty()) doc.add_value(s::kStoryVectorSlot, change.vector);
  db.replace_document(did, doc);
}

std::string story_id(const Xapian::Document& doc) { return doc.get_value(s::kStorySlot); }

int story_day(std::string_view yyyymmdd) {
  if (auto date = parse_compact_date(yyyymmdd)) return static_cast<int>(date->unix_seconds() / 86400);
  return INT_MIN;
}

namespace {

// The documents of `story` published from day `from` to `to`, oldest first.
Xapian::MSet story_members_by_date(const Xapian::Database& db, const std::string& story, int from, int to) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, days_query(from, to),
                                  Xapian::Query(Xapian::Query::OP_VALUE_RANGE, s::kStorySlot, story, story)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(s::kDateSlot, false);
  return enquire.get_mset(0, db.get_doccount());
}

}  // namespace

std::vector<Xapian::docid> whole_story(const Xapian::Database& db, Xapian::docid did, const StoryParameters& p,
                                       const StoryMembership* members) {
  const Xapian::Document doc = db.get_document(did);
  const std::string story = story_id(doc);
  if (members && !story.empty()) return members->of(story);
  const int day = story_day(doc.get_value(s::kDateSlot));
  if (story.empty() || day == INT_MIN) return {did};
  const int gap = 2 * p.window_days;
  std::set<Xapian::docid> found{did};
  // Days [scanned_from, scanned_to] are read; the story's articles there
  // span [first, last]. A gap's worth of days is read past each end.
  int first = day, last = day, scanned_from = day - gap, scanned_to = day + gap;
  auto read = [&](int from, int to) {
    const Xapian::MSet members = story_members_by_date(db, story, from, to);
    for (auto it = members.begin(); it != members.end(); ++it) found.insert(*it);
    if (members.empty()) return;
    first = std::min(first, story_day(members.begin().get_sort_key()));
    last = std::max(last, story_day(members.back().get_sort_key()));
  };
  read(scanned_from, scanned_to);
  while (first - gap < scanned_from || last + gap > scanned_to) {
    if (first - gap < scanned_from) {
      const int to = scanned_from - 1;
      scanned_from = first - gap;
      read(scanned_from, to);
    }
    if (last + gap > scanned_to) {
      const int from = scanned_to + 1;
      scanned_to = last + gap;
      read(from, scanned_to);
    }
  }
  return {found.begin(), found.end()};
}

}  // namespace gazette
