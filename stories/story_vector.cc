#include "stories/story_vector.h"

#include <algorithm>
#include <cmath>

#include "common/french_analyzer.h"
#include "common/schema.h"

namespace gazette {
namespace s = schema;

bool is_story_word(const std::string& term) {
  if (term.size() < 4 || term[0] != s::kStemPrefix[0]) return false;
  const char c = term[1];
  if (c >= 'A' && c <= 'Z') return false;  // a field's stems
  if (std::all_of(term.begin() + 1, term.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return false;
  static const FrenchAnalyzer analyzer;
  return !analyzer.is_stopword(term.substr(1));
}

Xapian::doccount TermStatistics::frequency(const std::string& term) {
  auto [it, added] = frequencies_.try_emplace(term, 0);
  if (added) it->second = db_.get_termfreq(term);
  return it->second;
}

StoryVector StoryVector::of_document(const Xapian::Database& db, Xapian::docid doc, TermStatistics& stats) {
  const double documents = std::max<Xapian::doccount>(stats.documents(), 1);
  const std::string entity = s::kEntity;
  std::vector<std::pair<std::string, float>> weighted;
  for (auto t = db.termlist_begin(doc); t != db.termlist_end(doc); ++t) {
    const std::string term = *t;
    const bool is_entity = term.compare(0, entity.size(), entity) == 0;
    if (!is_entity && !is_story_word(term)) continue;
    // A term of this article alone links it to none other (yet).
    const Xapian::doccount df = stats.frequency(term);
    if (df < 2) continue;
    const double idf = std::log(documents / df);
    if (idf <= 0) continue;
    const double tf = is_entity ? kEntityWeight : 1 + std::log(std::max<Xapian::termcount>(t.get_wdf(), 1));
    weighted.emplace_back(term, static_cast<float>(tf * idf));
  }
  const size_t kept = std::min(weighted.size(), kTerms);
  std::partial_sort(weighted.begin(), weighted.begin() + kept, weighted.end(), [](const auto& a, const auto& b) {
    return a.second > b.second || (a.second == b.second && a.first < b.first);
  });
  weighted.resize(kept);
  double norm = 0;
  for (const auto& [term, w] : weighted) norm += double(w) * w;
  norm = std::sqrt(norm);
  for (auto& [term, w] : weighted) w = static_cast<float>(w / norm);
  std::sort(weighted.begin(), weighted.end());
  StoryVector v;
  v.terms_ = std::move(weighted);
  return v;
}

StoryVector StoryVector::from_terms(std::vector<std::pair<std::string, float>> terms) {
  std::sort(terms.begin(), terms.end());
  StoryVector v;
  v.terms_ = std::move(terms);
  return v;
}

std::string StoryVector::serialise() const {
  std::string out;
  for (const auto& [term, w] : terms_) {
    if (term.size() > 255) continue;
    out += static_cast<char>(std::clamp(static_cast<int>(std::lround(w * 255)), 1, 255));
    out += static_cast<char>(term.size());
    out += term;
  }
  return out;
}

std::optional<StoryVector> StoryVector::parse(std::string_view bytes) {
  StoryVector v;
  double norm = 0;
  while (!bytes.empty()) {
    if (bytes.size() < 2) return std::nullopt;
    const float w = static_cast<unsigned char>(bytes[0]) / 255.0f;
    const size_t length = static_cast<unsigned char>(bytes[1]);
    if (bytes.size() < 2 + length) return std::nullopt;
    v.terms_.emplace_back(std::string(bytes.substr(2, length)), w);
    norm += double(w) * w;
    bytes.remove_prefix(2 + length);
  }
  // Rounding to 8 bits moved the norm a little off 1.
  if (norm > 0)
    for (auto& [term, w] : v.terms_) w = static_cast<float>(w / std::sqrt(norm));
  return v;
}

}  // namespace gazette
