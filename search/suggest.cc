#include "search/suggest.h"

#include <algorithm>
#include <map>
#include <utility>

#include "common/schema.h"
#include "common/stored_document.h"
#include "search/query_builder.h"

namespace gazette {
namespace {

// Reading more title words than this for one prefix costs more than a
// keystroke is worth; the most frequent words are found well before.
constexpr size_t kMaxTermsRead = 20000;

// The title words that start with typed.last, most frequent first: in the
// titles that hold every word of typed.head, when some do, else in all.
std::vector<Suggestions::Completion> completions(const Xapian::Database& db, const TypedPrefix& typed, size_t size) {
  const std::string term_prefix = schema::kTitle + typed.last;
  std::vector<Suggestions::Completion> words;
  std::vector<Xapian::Query> head;
  for (const std::string& w : plain_words(typed.head)) head.emplace_back(schema::kTitle + w);
  if (!head.empty()) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, head.begin(), head.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::map<std::string, Xapian::doccount> together;  // in term order
    for (auto m = enquire.get_mset(0, db.get_doccount()).begin(); m != Xapian::MSetIterator(); ++m) {
      auto t = db.termlist_begin(*m);
      for (t.skip_to(term_prefix); t != db.termlist_end(*m) && (*t).compare(0, term_prefix.size(), term_prefix) == 0;
           ++t)
        ++together[*t];
    }
    for (const auto& [term, n] : together) words.push_back({typed.head + term.substr(1), n});
  }
  if (words.empty()) {
    size_t read = 0;
    for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix) && read < kMaxTermsRead;
         ++t, ++read)
      words.push_back({typed.head + (*t).substr(1), t.get_termfreq()});
  }
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  if (words.size() > size) words.resize(size);
  return words;
}

}  // namespace

TypedPrefix read_typed_prefix(std::string_view typed) {
  TypedPrefix out;
  out.folded = fold_query(typed);
  // Completions are of single title words: the parts of a hyphenated word
  // ("jean-mar"), which fold_query joins into a phrase, are words here.
  for (size_t i = 1; i < out.folded.size(); ++i)
    if (out.folded[i] == '-' && out.folded[i - 1] != ' ' && out.folded[i - 1] != '(' && out.folded[i - 1] != '"')
      out.folded[i] = ' ';
  size_t cut = out.folded.find_last_of(' ');
  out.head = cut == std::string::npos ? "" : out.folded.substr(0, cut + 1);
  out.last = cut == std::string::npos ? out.folded : out.folded.substr(cut + 1);
  return out;
}

Result<Suggestions> suggest(const Xapian::Database& db, const std::string& prefix, size_t size) {
  Suggestions out;
  const TypedPrefix typed = read_typed_prefix(prefix);
  if (typed.last.empty()) return out;

  out.completions = completions(db, typed, size);
  out.entities = find_entities(db, prefix, std::nullopt, std::min(size, kMaxSuggestedEntities));

  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(kTitleExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::QueryParser::FLAG_PARTIAL);
  Xapian::Query query = qp.parse_query(typed.folded, Xapian::QueryParser::FLAG_PARTIAL, schema::kTitle);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_sort_by_value(schema::kTimestampSlot, true);
  enquire.set_collapse_key(schema::kTitleKeySlot);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(size));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Result<ArticleTitle> title = read_title(it.get_document());
    if (!title) return title.problem();
    out.titles.push_back({std::move(title->id), std::move(title->title)});
  }
  return out;
}

}  // namespace gazette
