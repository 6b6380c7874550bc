#include "search/term_weight.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace gazette {

DocumentLengths DocumentLengths::extended(const Xapian::Database& db, Xapian::docid last) const {
  DocumentLengths out;
  out.lengths_.reserve(std::max<size_t>(last + 1, lengths_.size()));
  out.lengths_.assign(lengths_.begin(), lengths_.end());
  if (out.lengths_.empty()) out.lengths_.push_back(0);
  const auto first = static_cast<Xapian::docid>(out.lengths_.size());
  if (last < first) return out;
  out.lengths_.resize(last + 1, 0);
  // The postings of "" are every document, with its length.
  Xapian::PostingIterator it = db.postlist_begin("");
  if (it != db.postlist_end("")) it.skip_to(first);
  for (; it != db.postlist_end("") && *it <= last; ++it) out.lengths_[*it] = it.get_doclength();
  return out;
}

TermWeightSource::TermWeightSource(const Xapian::Database& db, std::string term, double factor,
                                   const Bm25Parameters& bm25, std::vector<ShardLengths> lengths)
    : term_(std::move(term)), bm25_(bm25), all_lengths_(std::move(lengths)) {
  if (bm25_.k2 != 0) throw std::invalid_argument("TermWeightSource: BM25's k2 must be 0");
  // BM25Weight::init(factor), over Weight::Internal's statistics: the sums
  // of every shard's.
  const Xapian::doccount collection_size = db.get_doccount();
  const Xapian::doccount termfreq = db.get_termfreq(term_);
  // Read right after the term's frequency, from the same entry, which
  // Xapian's cursor still holds.
  wdf_upper_bound_ = db.get_wdf_upper_bound(term_);
  uuid_ = db.get_uuid();
  termfreq_ = termfreq;
  double tw = (collection_size - termfreq + 0.5) / (termfreq + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  termweight_ = std::log(tw) * factor;
  const double wqf = 1;
  termweight_ *= (bm25_.k3 + 1) * wqf / (bm25_.k3 + wqf);
  termweight_ *= (bm25_.k1 + 1);
  const double average_length = collection_size ? static_cast<double>(db.get_total_length()) / collection_size : 0;
  len_factor_ = average_length != 0 ? 1 / average_length : 0;
  doclength_lower_bound_ = db.get_doclength_lower_bound();
}

TermWeightSource* TermWeightSource::clone() const {
  auto* copy = new TermWeightSource();
  copy->term_ = term_;
  copy->bm25_ = bm25_;
  copy->termweight_ = termweight_;
  copy->len_factor_ = len_factor_;
  copy->doclength_lower_bound_ = doclength_lower_bound_;
  copy->wdf_upper_bound_ = wdf_upper_bound_;
  copy->uuid_ = uuid_;
  copy->termfreq_ = termfreq_;
  copy->all_lengths_ = all_lengths_;
  return copy;
}

void TermWeightSource::init(const Xapian::Database& db) {
  at_ = db.postlist_begin(term_);
  end_ = db.postlist_end(term_);
  started_ = false;
  lengths_ = nullptr;
  const std::string uuid = db.get_uuid();
  // One of several shards (or a database without a uuid, which says
  // nothing): its own frequency.
  if (uuid.empty() || uuid != uuid_) termfreq_ = db.get_termfreq(term_);
  for (const ShardLengths& shard : all_lengths_)
    if (!uuid.empty() && shard.uuid == uuid) lengths_ = shard.lengths;
  // BM25Weight::get_maxpart(), with a bound on the term's wdf in every
  // shard (a shard's own is no higher).
  const Xapian::termcount wdf_max = wdf_upper_bound_;
  double denom = bm25_.k1;
  const double normlen_lb = std::max(std::max(wdf_max, doclength_lower_bound_) * len_factor_, bm25_.min_normlen);
  denom *= (normlen_lb * bm25_.b + (1 - bm25_.b));
  denom += wdf_max;
  set_maxweight(termweight_ * (wdf_max / denom));
}

void TermWeightSource::next(double) {
  if (!started_) {
    started_ = true;
  } else {
    ++at_;
  }
}

void TermWeightSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  at_.skip_to(did);
}

double TermWeightSource::get_weight() const {
  // BM25Weight::get_sumpart().
  const Xapian::docid did = *at_;
  const Xapian::termcount len = lengths_ && lengths_->holds(did) ? lengths_->length(did) : at_.get_doclength();
  const double normlen = std::max(len * len_factor_, bm25_.min_normlen);
  const double wdf = at_.get_wdf();
  const double denom = bm25_.k1 * (normlen * bm25_.b + (1 - bm25_.b)) + wdf;
  return termweight_ * (wdf / denom);
}

namespace {

using Q = Xapian::Query;

// The factor of an OP_SCALE_WEIGHT node, which Xapian 1.4 tells only in its
// description: "Query(<factor as %.20g> * ...)", which gives the double back
// exactly.
double scale_factor(const Q& node) {
  const std::string description = node.get_description();
  return std::strtod(description.c_str() + std::string_view("Query(").size(), nullptr);
}

// Whether a term node asks for the term once (its wqf is 1): its description
// is the plain term's, but for a position ("@3").
bool once(const Q& leaf, const std::string& term) {
  std::string description = leaf.get_description();
  const size_t at = description.rfind('@');
  if (at != std::string::npos && description.find_first_not_of("0123456789", at + 1) == description.size() - 1)
    description.erase(at, description.size() - 1 - at);
  return description == Q(term).get_description();
}

// `node` weighed `factor` times, as Xapian passes the factor of the
// OP_SCALE_WEIGHT nodes above a term down to its BM25Weight::init(): each
// term becomes a source with the factor in its weight, each other node that
// is weighed (a phrase) is scaled by it alone.
Q weigh(const Q& node, double factor, const Xapian::Database& db, const Bm25Parameters& bm25,
        const std::vector<ShardLengths>& lengths) {
  const Q::op op = node.get_type();
  const size_t n = node.get_num_subqueries();
  if (op == Q::OP_SCALE_WEIGHT && n == 1)
    return weigh(node.get_subquery(0), factor * scale_factor(node), db, bm25, lengths);
  if (op == Q::LEAF_TERM && factor != 0 && node.get_terms_begin() != node.get_terms_end()) {
    const std::string term = *node.get_terms_begin();
    if (!term.empty() && once(node, term)) return Q((new TermWeightSource(db, term, factor, bm25, lengths))->release());
  }
  // Xapian weighs the first subquery of these alone; the others filter.
  const bool first_weighed = op == Q::OP_AND_NOT || op == Q::OP_FILTER;
  const bool all_weighed =
      op == Q::OP_AND || op == Q::OP_OR || op == Q::OP_XOR || op == Q::OP_AND_MAYBE || op == Q::OP_MAX;
  if ((first_weighed || all_weighed) && n > 0) {
    std::vector<Q> parts;
    for (size_t i = 0; i < n; ++i)
      parts.push_back(all_weighed || i == 0 ? weigh(node.get_subquery(i), factor, db, bm25, lengths)
                                            : node.get_subquery(i));
    return Q(op, parts.begin(), parts.end());
  }
  return factor == 1 ? node : Q(Q::OP_SCALE_WEIGHT, node, factor);
}

}  // namespace

Xapian::Query weigh_terms_from_memory(const Xapian::Query& query, const Xapian::Database& db,
                                      const Bm25Parameters& bm25, const std::vector<ShardLengths>& lengths) {
  return weigh(query, 1.0, db, bm25, lengths);
}

}  // namespace gazette
