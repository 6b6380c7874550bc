#include "search/suggest.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "search/query_builder.h"
#include "search/searcher.h"

namespace gazette {
namespace {

// Reading more title words than this for one prefix costs more than a
// keystroke is worth; the most frequent words are found well before.
constexpr size_t kMaxTermsRead = 20000;

// The title words that start with typed.last: with the titles that hold
// them and every word of typed.head, when some do, else with all titles.
std::vector<Suggestions::Completion> completions(const Xapian::Database& db, const TypedPrefix& typed, size_t size) {
  const std::string term_prefix = schema::kTitle + typed.last;
  std::map<std::string, Xapian::doccount> titles;  // title word -> titles
  std::vector<Xapian::Query> head;
  for (const std::string& w : plain_words(typed.head)) head.emplace_back(schema::kTitle + w);
  if (!head.empty()) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, head.begin(), head.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    for (auto m = enquire.get_mset(0, db.get_doccount()).begin(); m != Xapian::MSetIterator(); ++m) {
      auto t = db.termlist_begin(*m);
      for (t.skip_to(term_prefix); t != db.termlist_end(*m) && (*t).compare(0, term_prefix.size(), term_prefix) == 0;
           ++t)
        ++titles[(*t).substr(1)];
    }
  }
  if (titles.empty()) {
    size_t read = 0;
    for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix) && read < kMaxTermsRead;
         ++t, ++read)
      titles.emplace((*t).substr(1), t.get_termfreq());
  }
  const FrenchAnalyzer analyzer;
  std::vector<std::string> stems;
  for (const auto& entry : titles) stems.push_back(analyzer.stem(entry.first));
  std::vector<TitleWord> words;
  for (const auto& [word, n] : titles) words.push_back({word, stems[words.size()], n});
  return counted_completions(db, typed, words, size);
}

}  // namespace

std::vector<Suggestions::Completion> counted_completions(const Xapian::Database& db, const TypedPrefix& typed,
                                                         const std::vector<TitleWord>& words, size_t size) {
  struct Stem {
    std::string_view form;  // in the most titles; ties: the first in byte order
    Xapian::doccount form_titles = 0, titles = 0;
  };
  // After other words, the search leaves a stop word out ("reforme des
  // le" finds what "reforme" finds), or, after stop words only, ANDs
  // lists of nearly every article ("un au"): such completions add nothing
  // but cost to count.
  const FrenchAnalyzer analyzer;
  const bool after_words = !plain_words(typed.head).empty();
  std::unordered_map<std::string_view, Stem> stems;
  for (const TitleWord& w : words) {
    if (after_words && analyzer.is_stopword(std::string(w.word))) continue;
    Stem& s = stems[w.stem];
    s.titles += w.titles;
    if (s.form.empty() || w.titles > s.form_titles || (w.titles == s.form_titles && w.word < s.form)) {
      s.form = w.word;
      s.form_titles = w.titles;
    }
  }
  std::vector<const Stem*> chosen;
  for (const auto& entry : stems) chosen.push_back(&entry.second);
  const size_t n = std::min(size, chosen.size());
  std::partial_sort(chosen.begin(), chosen.begin() + n, chosen.end(), [](const Stem* a, const Stem* b) {
    return a->titles != b->titles ? a->titles > b->titles : a->form < b->form;
  });
  std::vector<Suggestions::Completion> out;
  if (n == 0) return out;
  QueryBuilder builder;
  for (size_t i = 0; i < n; ++i) {
    std::string query = typed.head + std::string(chosen[i]->form);
    const Xapian::doccount found = Searcher::total(db, builder, query);
    if (found > 0) out.push_back({std::move(query), found});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  return out;
}

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
