#include "search/query_builder.h"

#include <algorithm>
#include <cctype>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "common/text_folding.h"
#include "search/query_rewrite.h"
#include "search/query_variants.h"

namespace gazette {
namespace {

namespace s = schema;

// section:"Faits divers" -> XSfaitsdiver, whatever the case and accents.
class KeyFieldProcessor : public Xapian::FieldProcessor {
 public:
  KeyFieldProcessor(std::string prefix, std::string (*key)(std::string_view)) : prefix_(std::move(prefix)), key_(key) {}
  Xapian::Query operator()(const std::string& value) override { return Xapian::Query(prefix_ + key_(value)); }

 private:
  std::string prefix_;
  std::string (*key_)(std::string_view);
};

// 2020..2021, 2022-03..2022-04, 01/03/2022..15/03/2022, open ends allowed.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(const std::string& prefix) : Xapian::RangeProcessor(s::kDateSlot, prefix) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::optional<Date> lo, hi;
    if (!begin.empty() && !(lo = parse_date_bound(begin, false))) return Xapian::Query(Xapian::Query::OP_INVALID);
    if (!end.empty() && !(hi = parse_date_bound(end, true))) return Xapian::Query(Xapian::Query::OP_INVALID);
    if (!lo) return Xapian::Query(Xapian::Query::OP_VALUE_LE, s::kDateSlot, hi->compact());
    if (!hi) return Xapian::Query(Xapian::Query::OP_VALUE_GE, s::kDateSlot, lo->compact());
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, s::kDateSlot, lo->compact(), hi->compact());
  }
};

bool is_operator(std::string_view word);

struct Field {
  const char* name;
  const char* prefix;
};
// The free-text fields a query can name, in French and English.
constexpr Field kFields[] = {
    {"titre", s::kTitle},     {"title", s::kTitle},   {"resume", s::kSummary},
    {"summary", s::kSummary}, {"chapo", s::kSummary}, {"auteur", s::kAuthor},
    {"author", s::kAuthor},   {"tag", s::kTag},       {"motcle", s::kTag},
};
// Boolean fields, and the prefix of the date range.
constexpr Field kFilterFields[] = {{"section", s::kSection}, {"source", s::kSource}};
constexpr const char* kDateField = "date";

bool is_field_name(std::string_view word) {
  if (word == kDateField) return true;
  for (const Field& f : kFields)
    if (word == f.name) return true;
  for (const Field& f : kFilterFields)
    if (word == f.name) return true;
  return false;
}

bool is_word_char_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// The words of a query that is a list of words, hyphenated words and
// phrases (no other syntax), in order; none for any other query.
std::vector<std::string> plain_query_words(const std::string& folded) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find_first_of(" -\"", i);
    if (j == std::string::npos) j = folded.size();
    if (j == i) {
      bool excludes = folded[i] == '-' && (i == 0 || folded[i - 1] == ' ' || folded[i - 1] == '"');
      if (excludes) return {};
      ++i;
      continue;
    }
    std::string word = folded.substr(i, j - i);
    if (is_operator(word)) return {};
    for (char c : word)
      if (!is_word_char_byte(c)) return {};
    words.push_back(std::move(word));
    i = j;
  }
  return words;
}

// The title's stem terms of a plain query's words (plain_query_words), for
// the weight those words earn in the title; none for one word or more than
// eight. A reader who remembers an article remembers its title; the body's
// words alone do not say so ("toi faut toute" looks for Ayo's « Toute vague
// n'est pas pour toi. Il faut choisir la sienne », not for an article using
// the three words in its text).
std::vector<std::string> title_terms(const std::vector<std::string>& words, const Xapian::Stem& stem) {
  std::vector<std::string> terms;
  if (words.size() < 2 || words.size() > 8) return terms;
  const std::string title_prefix = s::kStemPrefix + std::string(s::kTitle);
  for (const std::string& w : words) terms.push_back(title_prefix + stem(w));
  return terms;
}

// Stems of the free text and of the title have positions, and so does the
// summary's span; the exact words and the other fields' terms do not.
bool has_positions(const std::string& term) {
  if (term == s::kSummary) return true;
  if (term.size() < 2 || term[0] != s::kStemPrefix[0]) return false;
  return term[1] == s::kTitle[0] || term[1] < 'A' || term[1] > 'Z';
}

// `query` with the summary field's terms that QueryParser writes ("ZU" +
// stem) as the free-text stem within the summary's span (schema.h): the
// stem NEAR the span's term, one position apart at most. A phrase of them
// is the phrase of the free-text stems with each of its words so; a NEAR of
// them, each word so.
Xapian::Query summary_terms_in_span(const Xapian::Query& query) {
  using Q = Xapian::Query;
  const std::string field = s::kStemPrefix + std::string(s::kSummary);
  auto field_term = [&](const Q& node) -> std::optional<std::string> {
    if (node.get_type() != Q::LEAF_TERM) return std::nullopt;
    std::string term = *node.get_terms_begin();
    if (term.size() <= field.size() || term.compare(0, field.size(), field) != 0) return std::nullopt;
    return s::kStemPrefix + term.substr(field.size());
  };
  return rewrite_query(query, [&](const Q& node) -> std::optional<Q> {
    if (auto stem = field_term(node)) return in_summary(*stem);
    const auto op = node.get_type();
    if ((op != Q::OP_PHRASE && op != Q::OP_NEAR) || node.get_num_subqueries() == 0) return std::nullopt;
    std::vector<Q> stems, each;
    for (size_t i = 0; i < node.get_num_subqueries(); ++i) {
      auto stem = field_term(node.get_subquery(i));
      if (!stem) return std::nullopt;
      stems.emplace_back(*stem);
      each.push_back(in_summary(*stem));
    }
    if (op == Q::OP_PHRASE) each.emplace_back(Q::OP_PHRASE, stems.begin(), stems.end(), stems.size());
    return Q(Q::OP_AND, each.begin(), each.end());
  });
}

// `query` with each phrase or NEAR over terms without positions made a
// plain AND, which they could otherwise never match: the exact forms'
// query, which only adds weight, and the fields' other than the title.
Xapian::Query phrases_without_positions_as_and(const Xapian::Query& query) {
  return rewrite_query(query, [](const Xapian::Query& node) -> std::optional<Xapian::Query> {
    const auto op = node.get_type();
    if (op != Xapian::Query::OP_PHRASE && op != Xapian::Query::OP_NEAR) return std::nullopt;
    auto first = node.get_terms_begin();
    if (first == node.get_terms_end() || has_positions(*first)) return std::nullopt;
    std::vector<Xapian::Query> words;
    for (size_t i = 0; i < node.get_num_subqueries(); ++i) words.push_back(node.get_subquery(i));
    return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
  });
}

// "-macron", "-macron -\"le pen\"": a query made only of exclusions means
// every article but those. QueryParser reads "-macron" alone as "macron", so
// such a query is written with its pure NOT: "NOT macron NOT \"le pen\"".
// Any other query is returned as it is.
std::string exclusions_as_pure_not(const std::string& folded) {
  std::string out;
  bool in_quote = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    bool item_start = !in_quote && c != ' ' && (i == 0 || folded[i - 1] == ' ');
    if (item_start) {
      if (c != '-' || i + 1 == folded.size() || folded[i + 1] == ' ') return folded;
      out += "NOT ";
      continue;
    }
    if (c == '"') in_quote = !in_quote;
    out += c;
  }
  return out;
}

bool is_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ";
}

bool is_word_or_apostrophe(int32_t c) {
  return is_apostrophe(c) || u_isalnum(c) || (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_MC_MASK));
}

void configure(Xapian::QueryParser& qp, Xapian::QueryParser::stem_strategy strategy) {
  qp.set_stemmer(Xapian::Stem("french"));
  qp.set_stemming_strategy(strategy);
  qp.set_stopper(FrenchAnalyzer::new_stopper()->release());
  qp.set_default_op(Xapian::Query::OP_AND);
  for (const Field& f : kFields) qp.add_prefix(f.name, f.prefix);
  for (const Field& f : kFilterFields)
    qp.add_boolean_prefix(
        f.name, (new KeyFieldProcessor(f.prefix, std::string_view(f.prefix) == s::kSection ? section_key : facet_key))
                    ->release());
  qp.add_rangeprocessor((new DateRangeProcessor(std::string(kDateField) + ":"))->release());
  qp.add_rangeprocessor((new DateRangeProcessor(""))->release());
}

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;

bool is_proximity_operator(std::string_view word) {
  for (std::string_view op : {"NEAR", "ADJ"})
    if (word.substr(0, op.size()) == op && (word.size() == op.size() || word[op.size()] == '/')) return true;
  return false;
}

// "... NEAR", as fold_chunk has written it so far.
bool ends_with_proximity_operator(std::string_view out) {
  size_t start = out.find_last_of(" (");
  return is_proximity_operator(out.substr(start == std::string_view::npos ? 0 : start + 1));
}

// Finds what QueryParser would reject, with a position it does not give:
// unbalanced parentheses, and NEAR or ADJ after an excluded word, which
// QueryParser's grammar has no rule for (it would read every word as a plain
// word instead, and Xapian 1.4.22 leaks memory on its way there).
// A quote left open is harmless: QueryParser ends the phrase at the end.
std::string syntax_error(std::string_view q) {
  int depth = 0;
  bool in_quote = false;
  std::string_view previous_word;
  for (size_t i = 0; i < q.size(); ++i) {
    if (q[i] == '"') in_quote = !in_quote;
    if (in_quote) continue;
    if (q[i] == '(') ++depth;
    if (q[i] == ')' && --depth < 0) return "unmatched ')' at position " + std::to_string(i + 1);
    if (q[i] == ' ' || (i > 0 && q[i - 1] != ' ')) continue;
    std::string_view word = q.substr(i, q.find(' ', i) - i);
    while (!word.empty() && word.front() == '(') word.remove_prefix(1);
    if (is_proximity_operator(word) && previous_word.size() > 1 && previous_word.front() == '-')
      return std::string(word) + " at position " + std::to_string(i + 1) + " follows an excluded word ('" +
             std::string(previous_word) + "'): " + std::string(word) + " joins words that must be there";
    previous_word = word;
  }
  if (depth > 0) return "unmatched '(' (missing ')' at the end)";
  return {};
}

// `folded` without brackets and operator words outside quotes, which go to
// `left_out` (each once, as typed): "macron OR" -> "macron", {"OR"}.
std::string without_operators(std::string_view folded, std::vector<std::string>& left_out) {
  auto leave_out = [&](std::string what) {
    if (std::find(left_out.begin(), left_out.end(), what) == left_out.end()) left_out.push_back(std::move(what));
  };
  std::string out;
  bool in_quote = false;
  size_t i = 0;
  while (i < folded.size()) {
    size_t end = folded.find(' ', i);
    if (end == std::string_view::npos) end = folded.size();
    std::string word(folded.substr(i, end - i));
    i = end + 1;
    if (!in_quote) {
      std::string kept;
      for (char c : word)
        if (c == '(' || c == ')')
          leave_out(std::string(1, c));
        else
          kept += c;
      word = std::move(kept);
      if (is_operator(word) || is_proximity_operator(word)) {  // "NEAR/3" too
        leave_out(word);
        continue;
      }
    }
    for (char c : word) in_quote ^= c == '"';
    if (word.empty()) continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

}  // namespace

bool SearchFilters::empty() const {
  return sections.empty() && tags.empty() && authors.empty() && sources.empty() && entities.empty() && !from && !to;
}

namespace {

// "2020..2021", "date:01/03/2022..", "..2019": a bound made of digits and
// date punctuation on one side of "..", unlike an ellipsis ("avec...").
bool looks_like_range(std::string_view chunk) {
  size_t dots = chunk.find("..");
  if (dots == std::string_view::npos) return false;
  std::string_view begin = chunk.substr(0, dots), end = chunk.substr(dots + 2);
  if (begin.size() > 5 && begin.substr(0, 5) == "date:") begin.remove_prefix(5);
  auto is_bound = [](std::string_view b) {
    return b.find_first_not_of("0123456789-/.") == std::string_view::npos &&
           (b.empty() || std::isdigit(static_cast<unsigned char>(b.front())));
  };
  if (!end.empty() && end.front() == '.') return false;  // "..."
  return (!begin.empty() && is_bound(begin)) || (!end.empty() && is_bound(end));
}

// Every quotation mark of French and English typography opens or closes a
// phrase: "…", « … », “ … ”, „ … “.
bool is_quote(int32_t c) {
  return c == '"' || c == 0xAB || c == 0xBB || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F;
}

// Hyphens (ASCII, Unicode's and the non-breaking one) and the dot.
bool is_joiner(int32_t c) { return c == '-' || c == '.' || c == 0x2010 || c == 0x2011; }

// Folds one whitespace-free chunk of a query.
void fold_chunk(std::string_view chunk, std::string& out) {
  if (looks_like_range(chunk)) {
    out += fold_text(chunk);  // QueryParser reads a range whole
    return;
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(chunk.data());
  const int32_t length = static_cast<int32_t>(chunk.size());
  std::string last_word;
  bool join = false;  // the word that comes next continues a hyphenated one
  for (int32_t i = 0; i < length;) {
    int32_t start = i, c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;  // invalid UTF-8 is dropped, as in articles
    if (!is_word_or_apostrophe(c) || is_apostrophe(c)) {
      // Punctuation separates words, as in articles, except what
      // QueryParser reads as syntax: quotes (French ones too), parentheses,
      // a leading + or -, the colon of a known field, and the slash of
      // NEAR/3. A hyphen or dot inside a word joins its parts into a phrase
      // ("Jong-un", "11.000"), written with '-' for QueryParser.
      if (join && is_joiner(c)) continue;
      if (join) out += ' ';
      join = false;
      bool at_start = out.empty() || out.back() == ' ' || out.back() == '(' || out.back() == '"';
      if (is_quote(c)) {
        out += '"';
      } else if (c == '(' || c == ')' || ((c == '-' || c == '+') && at_start) ||
                 (c == ':' && is_field_name(last_word)) ||
                 (c == '/' && i < length && std::isdigit(bytes[i]) && ends_with_proximity_operator(out))) {
        out.append(chunk.substr(start, i - start));
      } else {
        join = !at_start && is_joiner(c) && is_word_char_byte(out.back());
        if (!join) out += ' ';
      }
      last_word.clear();
      continue;
    }
    int32_t end = i;
    while (end < length) {
      int32_t next = end, d;
      U8_NEXT(bytes, next, length, d);
      if (d < 0 || !is_word_or_apostrophe(d)) break;
      end = next;
    }
    std::string_view word = chunk.substr(start, end - start);
    i = end;
    if (join) out += is_operator(word) ? ' ' : '-';
    join = false;
    if (is_operator(word)) {
      out.append(word);
      continue;
    }
    last_word.clear();
    // "aujourd'hui": the parts of a word split at an apostrophe are a phrase
    // too; an elided "l'" or "qu'" is dropped by tokenize.
    tokenize(word, [&](const Token& t) {
      if (!last_word.empty()) out += '-';
      out += t.folded;
      last_word = t.folded;
    });
  }
  if (join) out += ' ';
}

}  // namespace

std::vector<std::string> plain_words(const std::string& folded) {
  std::vector<std::string> out;
  std::string word;
  for (char c : folded) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

std::string fold_query(std::string_view q) {
  std::string out;
  out.reserve(q.size());
  size_t i = 0;
  while (i < q.size()) {
    size_t end = q.find_first_of(" \t\r\n", i);
    if (end == std::string_view::npos) end = q.size();
    if (end > i) {
      if (!out.empty()) out += ' ';
      fold_chunk(q.substr(i, end - i), out);
    }
    i = end + 1;
  }
  return out;
}

QueryBuilder::QueryBuilder() : stem_("french") {
  configure(stemmed_, Xapian::QueryParser::STEM_ALL_Z);
  configure(exact_, Xapian::QueryParser::STEM_NONE);
}

ParsedQuery QueryBuilder::parse(const std::string& text, bool strict) {
  ParsedQuery parsed;
  std::string folded = fold_query(text);
  if (folded.find_first_not_of(" \t\r\n") == std::string::npos) {
    parsed.query = parsed.matching = match_all_query();
    return parsed;
  }
  std::string error = syntax_error(folded);
  if (error.empty() && parse_folded(folded, parsed, error)) return parsed;
  if (strict) {
    parsed.problem = Problem{"bad_query", error, "parameter 'q'"};
    return parsed;
  }
  // Read again without what is out of place: brackets and operators.
  std::vector<std::string> left_out;
  std::string words = without_operators(folded, left_out);
  std::string again_error;
  if (words.find_first_not_of(' ') == std::string::npos) {
    parsed.query = parsed.matching = match_all_query();  // "NOT" alone: as an empty query
  } else if (!parse_folded(words, parsed, again_error)) {
    // What is still out of place ("2022..demain"): the words alone.
    std::string plain;
    for (const std::string& w : plain_words(words)) (plain += plain.empty() ? "" : " ") += w;
    words = std::move(plain);
    left_out.clear();
    if (!parse_folded(words, parsed, again_error)) {
      parsed.problem = Problem{"bad_query", error, "parameter 'q'"};
      return parsed;
    }
  }
  std::string list;
  for (size_t i = 0; i < left_out.size(); ++i)
    list += (i == 0 ? "" : i + 1 == left_out.size() ? " et " : ", ") + ("« " + left_out[i] + " »");
  parsed.notice = left_out.empty() ? "Syntaxe incomplète : la requête est lue mot à mot."
                                   : list + (left_out.size() > 1 ? " ignorés" : " ignoré") +
                                         " : la recherche porte sur le reste de la requête.";
  return parsed;
}

Xapian::Query ParsedQuery::marked() const {
  if (title_terms.empty()) return query;
  Xapian::Query in_order(Xapian::Query::OP_PHRASE, title_terms.begin(), title_terms.end(),
                         static_cast<Xapian::termcount>(title_terms.size()));
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, in_order);
}

bool QueryBuilder::parse_folded(const std::string& folded_query, ParsedQuery& parsed, std::string& error) {
  try {
    std::string folded = exclusions_as_pure_not(folded_query);
    const QueryVariants& variants = QueryVariants::french();
    Xapian::Query stemmed = phrases_without_positions_as_and(
        summary_terms_in_span(variants.expand(stemmed_.parse_query(variants.quote_forms(folded, stem_), kFlags))));
    Xapian::Query exact = phrases_without_positions_as_and(exact_.parse_query(folded, kFlags));
    std::vector<Xapian::Query> parts = {stemmed, exact};
    parsed.title_terms = title_terms(plain_query_words(folded), stem_);
    parsed.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, parts.begin(), parts.end());
    parsed.matching = stemmed;
    return true;
  } catch (const Xapian::QueryParserError& e) {
    error = e.get_msg();
    return false;
  }
}

namespace {
// A word is looked up in the spelling data when it is in fewer articles than
// this (a lookup costs about as much as a search, and every search makes
// them), and replaced when the correction is in this many times as many (in
// any, for a word in none): "Mélanchon" (1 article) by "Mélenchon" (1,795),
// "Zelenski" (9) by "Zelensky" (621); not "retraite" (1,942) by
// "retraites", nor "lepen" (68) by "leyen" (von der Leyen).
constexpr Xapian::doccount kRareWord = 30;
constexpr Xapian::doccount kMoreArticles = 20;
}  // namespace

std::string QueryBuilder::corrected(const std::string& text, const Xapian::Database& db,
                                    const Xapian::Database& spelling) {
  std::string folded = fold_query(text), out;
  bool changed = false;
  size_t i = 0;
  while (i < folded.size()) {
    size_t end = folded.find(' ', i);
    if (end == std::string::npos) end = folded.size();
    std::string word = folded.substr(i, end - i);
    bool plain = !word.empty() && std::all_of(word.begin(), word.end(), is_word_char_byte);
    Xapian::doccount freq = plain && !is_operator(word) ? db.get_termfreq(word) : kRareWord;
    if (freq < kRareWord) {
      std::string suggestion = spelling.get_spelling_suggestion(word);
      Xapian::doccount found = suggestion.empty() ? 0 : db.get_termfreq(suggestion);
      if (found > 0 && found >= kMoreArticles * freq) {
        word = suggestion;
        changed = true;
      }
    }
    if (!out.empty()) out += ' ';
    out += word;
    i = end + 1;
  }
  return changed ? out : std::string();
}

namespace {

// filter_values(), for const and non-const filters alike.
template <typename Filters>
auto values_of(Filters& f, Facet facet) -> decltype(&f.sections) {
  switch (facet) {
    case Facet::kSection:
      return &f.sections;
    case Facet::kTag:
      return &f.tags;
    case Facet::kSource:
      return &f.sources;
    case Facet::kEntity:
      return &f.entities;
    case Facet::kDate:
      break;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>* filter_values(const SearchFilters& f, Facet facet) { return values_of(f, facet); }

bool has_own_filter(const SearchFilters& f, Facet facet) {
  const auto* values = filter_values(f, facet);
  return values ? !values->empty() : f.from || f.to;
}

SearchFilters without_filter_on(SearchFilters f, Facet facet) {
  if (auto* values = values_of(f, facet)) {
    values->clear();
  } else {
    f.from.reset();
    f.to.reset();
  }
  return f;
}

Xapian::Query QueryBuilder::filter(const SearchFilters& f) {
  std::vector<Xapian::Query> parts;
  auto any_of = [&](const std::vector<std::string>& values, const char* prefix,
                    std::string (*key)(std::string_view) = facet_key) {
    if (values.empty()) return;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(prefix + (key ? key(v) : v));
    parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  };
  any_of(f.sections, s::kSection, section_key);
  any_of(f.tags, s::kTagFilter);
  any_of(f.authors, s::kAuthorFilter);
  any_of(f.sources, s::kSource);
  any_of(f.entities, s::kEntity, nullptr);  // ids are their own key
  if (f.from || f.to) {
    std::string lo = f.from ? f.from->compact() : "00000000";
    std::string hi = f.to ? f.to->compact() : "99999999";
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, s::kDateSlot, lo, hi);
  }
  if (parts.empty()) return match_all_query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query QueryBuilder::filtered(const Xapian::Query& query, const SearchFilters& filters) {
  if (filters.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, filter(filters));
}

}  // namespace gazette
