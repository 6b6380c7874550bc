#include "search/title_match.h"

#include <algorithm>
#include <cmath>

#include "common/schema.h"

namespace gazette {
namespace {

// BM25's parameters, as for the whole text (searcher.cc).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
// The length a title is measured against: the mean folded title of the
// shared corpus, 11.8 words (63,230 articles). Xapian keeps no length per
// field, and news titles are about as long from one archive to another.
constexpr double kMeanTitleWords = 11.8;

// Words of a folded title (schema::kTitleKeySlot): its spaces, plus one.
double title_words(const std::string& folded_title) {
  return folded_title.empty() ? kMeanTitleWords : 1.0 + std::count(folded_title.begin(), folded_title.end(), ' ');
}

}  // namespace

TitleMatchSource::TitleMatchSource(const Xapian::Database& db, std::vector<std::string> terms, double scale)
    : scale_(scale) {
  const double n = db.get_doccount();
  for (std::string& name : terms) {
    Term term;
    const double df = db.get_termfreq(name);
    term.idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    term.name = std::move(name);
    terms_.push_back(std::move(term));
  }
}

TitleMatchSource* TitleMatchSource::clone() const {
  auto* copy = new TitleMatchSource();
  copy->scale_ = scale_;
  for (const Term& term : terms_) copy->terms_.push_back(Term{term.name, term.idf, {}, {}});
  return copy;
}

void TitleMatchSource::init(const Xapian::Database& db) {
  db_ = db;
  double max_weight = 0;
  termfreq_est_ = termfreq_max_ = 0;
  for (Term& term : terms_) {
    term.at = db.postlist_begin(term.name);
    term.end = db.postlist_end(term.name);
    const Xapian::doccount df = db.get_termfreq(term.name);
    termfreq_est_ = std::max(termfreq_est_, df);
    termfreq_max_ += df;
    max_weight += scale_ * term.idf * (kK1 + 1);
  }
  termfreq_max_ = std::min(termfreq_max_, db.get_doccount());
  set_maxweight(max_weight);
  lengths_ = db.valuestream_begin(schema::kTitleKeySlot);
  lengths_end_ = db.valuestream_end(schema::kTitleKeySlot);
  current_ = 0;
  started_ = false;
}

void TitleMatchSource::settle() {
  current_ = 0;
  for (const Term& term : terms_)
    if (term.at != term.end && (current_ == 0 || *term.at < current_)) current_ = *term.at;
}

void TitleMatchSource::next(double) {
  if (!started_) {
    started_ = true;
  } else {
    for (Term& term : terms_)
      if (term.at != term.end && *term.at == current_) ++term.at;
  }
  settle();
}

void TitleMatchSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  for (Term& term : terms_)
    if (term.at != term.end) term.at.skip_to(did);
  settle();
}

double TitleMatchSource::get_weight() const {
  // Glass's value streams position the iterator on check(); documents are
  // asked in increasing order, so the stream is read once.
  double length = kMeanTitleWords;
  if (lengths_ != lengths_end_ && lengths_.check(current_) && lengths_ != lengths_end_ &&
      lengths_.get_docid() == current_)
    length = title_words(*lengths_);
  const double norm = kK1 * ((1 - kB) + kB * length / kMeanTitleWords);
  double weight = 0;
  for (const Term& term : terms_) {
    if (term.at == term.end || *term.at != current_) continue;
    const double wdf = term.at.get_wdf();
    weight += term.idf * wdf * (kK1 + 1) / (wdf + norm);
  }
  return scale_ * weight;
}

std::string TitleMatchSource::get_description() const {
  std::string description = "TitleMatchSource(";
  for (const Term& term : terms_) description += term.name + " ";
  return description + ")";
}

}  // namespace gazette
