#include "alerts/percolator.h"

#include <algorithm>
#include <numeric>

namespace gazette {
namespace {

using Query = Xapian::Query;
using Terms = std::optional<std::vector<std::string>>;

Terms terms_of(const Query& query, const Xapian::Database* frequencies);

// Of the branches of an AND, the one whose terms are in the fewest articles
// of `frequencies` (without it, the one with the fewest terms).
Terms cheapest_branch(const Query& query, const Xapian::Database* frequencies) {
  auto cost = [frequencies](const std::string& term) {
    // One more than the frequency: a term that no article holds yet still costs.
    return frequencies ? 1.0 + frequencies->get_termfreq(term) : 1.0;
  };
  Terms best;
  double best_cost = 0;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Terms branch = terms_of(query.get_subquery(i), frequencies);
    if (!branch) continue;
    double c = std::accumulate(branch->begin(), branch->end(), 0.0,
                               [&](double sum, const std::string& t) { return sum + cost(t); });
    if (!best || c < best_cost) best = std::move(branch), best_cost = c;
  }
  return best;
}

Terms terms_of(const Query& query, const Xapian::Database* frequencies) {
  switch (query.get_type()) {
    case Query::LEAF_TERM:
      return std::vector<std::string>{*query.get_terms_begin()};
    case Query::LEAF_MATCH_NOTHING:
      return std::vector<std::string>{};
    case Query::OP_AND:
    case Query::OP_FILTER:
    case Query::OP_NEAR:
    case Query::OP_PHRASE:
      return cheapest_branch(query, frequencies);
    case Query::OP_AND_NOT:
    case Query::OP_AND_MAYBE:
    case Query::OP_SCALE_WEIGHT:
      // Only the first branch decides whether a document matches.
      return query.get_num_subqueries() ? terms_of(query.get_subquery(0), frequencies) : std::nullopt;
    case Query::OP_OR:
    case Query::OP_XOR:
    case Query::OP_SYNONYM:
    case Query::OP_MAX:
    case Query::OP_ELITE_SET: {
      std::vector<std::string> all;
      for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        Terms branch = terms_of(query.get_subquery(i), frequencies);
        if (!branch) return std::nullopt;
        all.insert(all.end(), branch->begin(), branch->end());
      }
      return all;
    }
    default:  // every article, value ranges, wildcards, posting sources
      return std::nullopt;
  }
}

// Calls `visit` with each term under a phrase or NEAR of `query`.
template <typename Visit>
void visit_positional_terms(const Query& query, bool positional, Visit visit) {
  positional = positional || query.get_type() == Query::OP_PHRASE || query.get_type() == Query::OP_NEAR;
  if (query.get_type() == Query::LEAF_TERM) {
    if (positional) visit(*query.get_terms_begin());
    return;
  }
  for (size_t i = 0; i < query.get_num_subqueries(); ++i)
    visit_positional_terms(query.get_subquery(i), positional, visit);
}

// A copy of `source` with its terms, their frequencies, and its values;
// with positions only for the terms in `positional`.
Xapian::Document copy_for_matching(const Xapian::Document& source,
                                   const std::unordered_map<std::string, size_t>& positional) {
  Xapian::Document doc;
  for (auto t = source.termlist_begin(); t != source.termlist_end(); ++t) {
    // add_posting with no wdf increment, then the term's whole wdf once.
    if (positional.count(*t))
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) doc.add_posting(*t, *p, 0);
    doc.add_term(*t, t.get_wdf());
  }
  for (auto v = source.values_begin(); v != source.values_end(); ++v) doc.add_value(v.get_valueno(), *v);
  return doc;
}

}  // namespace

std::optional<std::vector<std::string>> required_terms(const Xapian::Query& query) { return terms_of(query, nullptr); }

Status Percolator::add(const Alert& alert, const Xapian::Database* frequencies) {
  std::lock_guard<std::mutex> lock(mutex_);
  ParsedQuery parsed = builder_.parse(alert.query, /*strict=*/true);
  if (parsed.problem) return parsed.problem;
  Compiled compiled{alert.id, QueryBuilder::filtered(parsed.matching, alert.filters), std::nullopt};
  try {
    compiled.terms = terms_of(compiled.query, frequencies);
  } catch (const Xapian::Error&) {
    // The index could not tell (a remote shard failed, a revision
    // discarded): the branches are chosen by their number of terms.
    compiled.terms = terms_of(compiled.query, nullptr);
  }
  if (auto old = slot_of_.find(alert.id); old != slot_of_.end()) {
    unindex(old->second);
    alerts_[old->second] = std::move(compiled);
    index(old->second);
    return std::nullopt;
  }
  size_t slot = alerts_.size();
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    alerts_.emplace_back();
  }
  alerts_[slot] = std::move(compiled);
  slot_of_[alert.id] = slot;
  index(slot);
  return std::nullopt;
}

Status Percolator::check(const std::string& query) {
  std::lock_guard<std::mutex> lock(mutex_);
  return builder_.parse(query, /*strict=*/true).problem;
}

void Percolator::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = slot_of_.find(id);
  if (it == slot_of_.end()) return;
  unindex(it->second);
  alerts_[it->second].reset();
  free_slots_.push_back(it->second);
  slot_of_.erase(it);
}

size_t Percolator::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return slot_of_.size();
}

size_t Percolator::last_candidates() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_candidates_;
}

void Percolator::index(size_t slot) {
  const Compiled& a = *alerts_[slot];
  visit_positional_terms(a.query, false, [this](const std::string& term) { ++positional_[term]; });
  if (!a.terms) {
    without_terms_.push_back(slot);
    return;
  }
  for (const std::string& term : *a.terms) {
    std::vector<size_t>& list = by_term_[term];
    if (list.empty() || list.back() != slot) list.push_back(slot);
  }
}

void Percolator::unindex(size_t slot) {
  const Compiled& a = *alerts_[slot];
  visit_positional_terms(a.query, false, [this](const std::string& term) {
    if (auto it = positional_.find(term); it != positional_.end() && --it->second == 0) positional_.erase(it);
  });
  auto drop = [slot](std::vector<size_t>& list) {
    list.erase(std::remove(list.begin(), list.end(), slot), list.end());
  };
  if (!a.terms) {
    drop(without_terms_);
    return;
  }
  for (const std::string& term : *a.terms) {
    auto it = by_term_.find(term);
    if (it == by_term_.end()) continue;
    drop(it->second);
    if (it->second.empty()) by_term_.erase(it);
  }
}

std::vector<Percolator::Match> Percolator::match(const Xapian::Database& source,
                                                 const std::vector<Xapian::docid>& docs) {
  // Xapian 1.4 marks its in-memory backend deprecated (1.6 drops it for a
  // new one); it is the backend 1.4 has for a database that never touches
  // the disk.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  Xapian::WritableDatabase batch = Xapian::InMemory::open();
#pragma GCC diagnostic pop
  std::lock_guard<std::mutex> lock(mutex_);
  last_candidates_ = 0;
  if (slot_of_.empty()) return {};
  std::vector<Xapian::docid> source_of;  // batch document d is source_of[d - 1]
  for (Xapian::docid d : docs) {
    try {
      batch.add_document(copy_for_matching(source.get_document(d), positional_));
      source_of.push_back(d);
    } catch (const Xapian::DocNotFoundError&) {
      // Deleted since it was written.
    }
  }
  if (source_of.empty()) return {};
  std::vector<char> chosen(alerts_.size(), 0);
  std::vector<size_t> candidates;
  auto choose = [&](size_t slot) {
    if (!chosen[slot]) chosen[slot] = 1, candidates.push_back(slot);
  };
  for (size_t slot : without_terms_) choose(slot);
  for (auto t = batch.allterms_begin(); t != batch.allterms_end(); ++t)
    if (auto it = by_term_.find(*t); it != by_term_.end())
      for (size_t slot : it->second) choose(slot);
  last_candidates_ = candidates.size();

  std::vector<std::pair<Xapian::docid, size_t>> found;  // (batch document, alert slot)
  Xapian::Enquire enquire(batch);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  for (size_t slot : candidates) {
    enquire.set_query(alerts_[slot]->query);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(source_of.size()));
    for (auto m = mset.begin(); m != mset.end(); ++m) found.emplace_back(*m, slot);
  }
  std::sort(found.begin(), found.end());
  std::vector<Match> out;
  for (const auto& [d, slot] : found) out.push_back({alerts_[slot]->id, source_of[d - 1]});
  return out;
}

}  // namespace gazette
