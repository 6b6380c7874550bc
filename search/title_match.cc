#include "search/title_match.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/string_hash.h"

namespace gazette {
namespace {

// The weight added when the title holds the words side by side in order, as
// a share of their weight in the title: as much as the phrase of the title's
// stems added beside their doubled BM25 weight, before this source.
constexpr double kInOrderShare = 0.5;

// BM25's parameters, as for the whole text (searcher.cc).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
// The length a title is measured against: the mean folded title of the
// shared corpus, 11.8 words (63,230 articles). Xapian keeps no length per
// field, and news titles are about as long from one archive to another.
constexpr double kMeanTitleWords = 11.8;

// `held`, then `added`, in one allocation.
template <typename T>
std::vector<T> joined(const std::vector<T>& held, const std::vector<T>& added) {
  std::vector<T> all;
  all.reserve(held.size() + added.size());
  all.insert(all.end(), held.begin(), held.end());
  all.insert(all.end(), added.begin(), added.end());
  return all;
}

}  // namespace

size_t title_key_words(std::string_view key) { return key.empty() ? 0 : 1 + std::count(key.begin(), key.end(), ' '); }

uint32_t title_stem_code(std::string_view stem) { return static_cast<uint32_t>(std::hash<std::string_view>{}(stem)); }

TitleWords TitleWords::extended(const Xapian::Database& db, Xapian::docid last) const {
  // Document 0 holds nothing.
  static const TitleWords kNone = [] {
    TitleWords none;
    none.lengths_ = {0};
    none.key_hashes_ = {title_key_hash("")};
    none.first_code_ = {0, 0};
    return none;
  }();
  const TitleWords& held = lengths_.empty() ? kNone : *this;
  if (last <= held.last()) return held;
  const auto first = static_cast<Xapian::docid>(held.lengths_.size());
  // The added titles are read first, so that each array of the result is
  // allocated once at its final size: at 1,000,000 articles, copying these
  // arrays and then growing them (a copy and page faults each time) took
  // most of extending the columns by ten documents.
  TitleWords added;
  // A title's words repeat across titles: each is stemmed once per call.
  FrenchAnalyzer analyzer;
  StringMap<uint32_t> code_of;
  auto code = [&](std::string_view word) {
    auto known = code_of.find(word);
    if (known != code_of.end()) return known->second;
    return code_of.emplace(word, title_stem_code(analyzer.stem(word))).first->second;
  };
  const auto slot = schema::kTitleKeySlot;
  auto v = db.valuestream_begin(slot);
  if (v != db.valuestream_end(slot)) v.skip_to(first);
  for (Xapian::docid did = first; did <= last; ++did) {
    uint8_t length = 0;
    uint64_t key_hash = title_key_hash("");
    if (v != db.valuestream_end(slot) && v.get_docid() == did) {
      const std::string key = *v;
      length = static_cast<uint8_t>(std::min<size_t>(title_key_words(key), 255));
      key_hash = title_key_hash(key);
      // The key is the title's folded words joined by spaces, as the
      // indexer numbered their positions (DocumentBuilder::index_text).
      for (size_t at = 0; at < key.size();) {
        size_t end = key.find(' ', at);
        if (end == std::string::npos) end = key.size();
        if (end - at <= schema::kMaxTermBytes) added.codes_.push_back(code(std::string_view(key).substr(at, end - at)));
        at = end + 1;
      }
      ++v;
    }
    added.lengths_.push_back(length);
    added.key_hashes_.push_back(key_hash);
    added.first_code_.push_back(static_cast<uint32_t>(held.codes_.size() + added.codes_.size()));
  }
  TitleWords out;
  out.lengths_ = joined(held.lengths_, added.lengths_);
  out.key_hashes_ = joined(held.key_hashes_, added.key_hashes_);
  out.first_code_ = joined(held.first_code_, added.first_code_);
  out.codes_ = joined(held.codes_, added.codes_);
  return out;
}

uint64_t title_key_hash(std::string_view folded_title) { return std::hash<std::string_view>{}(folded_title); }

std::optional<bool> TitleWords::holds_in_order(Xapian::docid did, const std::vector<uint32_t>& codes) const {
  if (did == 0 || did >= lengths_.size()) return std::nullopt;
  const uint32_t* begin = codes_.data() + first_code_[did];
  const uint32_t* end = codes_.data() + first_code_[did + 1];
  if (codes.empty()) return true;
  for (const uint32_t* at = begin; end - at >= static_cast<ptrdiff_t>(codes.size()); ++at)
    if (std::equal(codes.begin(), codes.end(), at)) return true;
  return false;
}

size_t TitleWords::bytes() const {
  return lengths_.capacity() + (first_code_.capacity() + codes_.capacity()) * sizeof(uint32_t) +
         key_hashes_.capacity() * sizeof(uint64_t);
}

TitleMatchSource::TitleMatchSource(const Xapian::Database& db, std::vector<std::string> terms, double scale,
                                   std::vector<ShardTitles> titles)
    : scale_(scale), all_titles_(std::move(titles)) {
  const double n = db.get_doccount();
  for (std::string& name : terms) {
    Term term;
    const double df = db.get_termfreq(name);
    term.idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    term.name = std::move(name);
    terms_.push_back(std::move(term));
  }
  set_codes();
}

TitleMatchSource* TitleMatchSource::clone() const {
  auto* copy = new TitleMatchSource();
  copy->scale_ = scale_;
  copy->all_titles_ = all_titles_;
  for (const Term& term : terms_) copy->terms_.push_back(Term{term.name, term.idf, 0, {}, {}});
  copy->codes_ = codes_;
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
    term.max_weight = (1 + kInOrderShare) * scale_ * term.idf * (kK1 + 1);
    max_weight += term.max_weight;
  }
  by_weight_.resize(terms_.size());
  for (size_t i = 0; i < by_weight_.size(); ++i) by_weight_[i] = i;
  std::sort(by_weight_.begin(), by_weight_.end(),
            [&](size_t a, size_t b) { return terms_[a].max_weight < terms_[b].max_weight; });
  walked_ = 0;
  termfreq_max_ = std::min(termfreq_max_, db.get_doccount());
  set_maxweight(max_weight);
  titles_ = nullptr;
  const std::string uuid = db.get_uuid();
  for (const ShardTitles& shard : all_titles_)
    if (!uuid.empty() && shard.uuid == uuid) titles_ = shard.titles;
  if (!titles_) {
    lengths_ = db.valuestream_begin(schema::kTitleKeySlot);
    lengths_end_ = db.valuestream_end(schema::kTitleKeySlot);
  }
  current_ = 0;
  started_ = false;
}

void TitleMatchSource::choose_walked(double min_wt) {
  double below = 0;
  for (walked_ = 0; walked_ < terms_.size() && below + terms_[by_weight_[walked_]].max_weight < min_wt; ++walked_)
    below += terms_[by_weight_[walked_]].max_weight;
}

void TitleMatchSource::settle() {
  current_ = 0;
  for (size_t i = walked_; i < terms_.size(); ++i) {
    const Term& term = terms_[by_weight_[i]];
    if (term.at != term.end && (current_ == 0 || *term.at < current_)) current_ = *term.at;
  }
}

void TitleMatchSource::next(double min_wt) {
  const Xapian::docid after = current_;
  choose_walked(min_wt);
  if (!started_) {
    started_ = true;
  } else {
    for (size_t i = walked_; i < terms_.size(); ++i) {
      Term& term = terms_[by_weight_[i]];
      if (term.at != term.end && *term.at <= after) term.at.skip_to(after + 1);
    }
  }
  settle();
}

void TitleMatchSource::skip_to(Xapian::docid did, double min_wt) {
  started_ = true;
  choose_walked(min_wt);
  for (size_t i = walked_; i < terms_.size(); ++i) {
    Term& term = terms_[by_weight_[i]];
    if (term.at != term.end) term.at.skip_to(did);
  }
  settle();
}

double TitleMatchSource::get_weight() const {
  double length = kMeanTitleWords;
  if (titles_) {
    if (const uint8_t words = titles_->length(current_)) length = words;
  } else if (lengths_ != lengths_end_ && lengths_.check(current_) && lengths_ != lengths_end_ &&
             lengths_.get_docid() == current_) {
    // Glass's value streams move the iterator on check(); documents are
    // asked in increasing order, so the stream is read once.
    if (const size_t words = title_key_words(*lengths_)) length = words;
  }
  const double norm = kK1 * ((1 - kB) + kB * length / kMeanTitleWords);
  double weight = 0;
  size_t held = 0;
  for (const Term& term : terms_) {
    if (term.at != term.end && *term.at < current_) term.at.skip_to(current_);  // a term not walked
    if (term.at == term.end || *term.at != current_) continue;
    const double wdf = term.at.get_wdf();
    weight += term.idf * wdf * (kK1 + 1) / (wdf + norm);
    ++held;
  }
  if (held == terms_.size() && terms_.size() > 1 && in_order()) weight *= 1 + kInOrderShare;
  return scale_ * weight;
}

void TitleMatchSource::set_codes() {
  // A title stem term is its field's stem prefix and the stem.
  const size_t prefix = std::string(schema::kStemPrefix).size() + std::string(schema::kTitle).size();
  codes_.clear();
  for (const Term& term : terms_) codes_.push_back(title_stem_code(std::string_view(term.name).substr(prefix)));
}

bool TitleMatchSource::in_order() const {
  if (titles_)
    if (std::optional<bool> held = titles_->holds_in_order(current_, codes_)) return *held;
  const std::string& first = terms_[0].name;
  for (auto at = db_.positionlist_begin(current_, first); at != db_.positionlist_end(current_, first); ++at) {
    bool side_by_side = true;
    for (size_t k = 1; k < terms_.size() && side_by_side; ++k) {
      const std::string& next = terms_[k].name;
      auto it = db_.positionlist_begin(current_, next);
      it.skip_to(*at + k);
      side_by_side = it != db_.positionlist_end(current_, next) && *it == *at + k;
    }
    if (side_by_side) return true;
  }
  return false;
}

std::string TitleMatchSource::get_description() const {
  std::string description = "TitleMatchSource(";
  for (const Term& term : terms_) description += term.name + " ";
  return description + ")";
}

}  // namespace gazette
