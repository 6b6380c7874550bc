#include "searcher/query_builder.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/text_folding.h"

namespace gazette {
namespace {

namespace s = schema;

// section:"Faits divers" -> XSfaits divers, whatever the case and accents.
class KeyFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit KeyFieldProcessor(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + facet_key(value));
  }

 private:
  std::string prefix_;
};

// 2020..2021, 2022-03..2022-04, 01/03/2022..15/03/2022, open ends allowed.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(const std::string& prefix)
      : Xapian::RangeProcessor(s::kDateSlot, prefix) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::optional<Date> lo, hi;
    if (!begin.empty() && !(lo = parse_date_bound(begin, false))) return Xapian::Query(Xapian::Query::OP_INVALID);
    if (!end.empty() && !(hi = parse_date_bound(end, true))) return Xapian::Query(Xapian::Query::OP_INVALID);
    if (!lo) return Xapian::Query(Xapian::Query::OP_VALUE_LE, s::kDateSlot, hi->compact());
    if (!hi) return Xapian::Query(Xapian::Query::OP_VALUE_GE, s::kDateSlot, lo->compact());
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, s::kDateSlot, lo->compact(), hi->compact());
  }
};

bool is_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
         word == "ADJ";
}

bool is_word_or_apostrophe(int32_t c) {
  return is_apostrophe(c) || u_isalnum(c) || (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_MC_MASK));
}

void configure(Xapian::QueryParser& qp, Xapian::QueryParser::stem_strategy strategy) {
  qp.set_stemmer(Xapian::Stem("french"));
  qp.set_stemming_strategy(strategy);
  qp.set_stopper(FrenchAnalyzer::new_stopper()->release());
  qp.set_default_op(Xapian::Query::OP_AND);
  for (const char* name : {"titre", "title"}) qp.add_prefix(name, s::kTitle);
  for (const char* name : {"resume", "summary", "chapo"}) qp.add_prefix(name, s::kSummary);
  for (const char* name : {"auteur", "author"}) qp.add_prefix(name, s::kAuthor);
  for (const char* name : {"tag", "motcle"}) qp.add_prefix(name, s::kTag);
  qp.add_boolean_prefix("section", (new KeyFieldProcessor(s::kSection))->release());
  qp.add_boolean_prefix("source", (new KeyFieldProcessor(s::kSource))->release());
  qp.add_rangeprocessor((new DateRangeProcessor("date:"))->release());
  qp.add_rangeprocessor((new DateRangeProcessor(""))->release());
}

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;

// Finds what QueryParser would reject, with a position it does not give:
// unbalanced parentheses and quotes, an operator missing an operand.
std::string syntax_error(std::string_view q) {
  int depth = 0;
  size_t open_quote = std::string_view::npos;
  for (size_t i = 0; i < q.size(); ++i) {
    if (q[i] == '"') open_quote = open_quote == std::string_view::npos ? i : std::string_view::npos;
    if (open_quote != std::string_view::npos) continue;
    if (q[i] == '(') ++depth;
    if (q[i] == ')' && --depth < 0)
      return "unmatched ')' at position " + std::to_string(i + 1);
  }
  if (depth > 0) return "unmatched '(' (missing ')' at the end)";
  // A quote left open is harmless: QueryParser ends the phrase at the end.
  return {};
}

}  // namespace

bool SearchFilters::empty() const {
  return sections.empty() && tags.empty() && authors.empty() && sources.empty() && !from && !to;
}

std::string fold_query(std::string_view q) {
  std::string out;
  out.reserve(q.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(q.data());
  const int32_t length = static_cast<int32_t>(q.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i, c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;  // invalid UTF-8 is dropped, as in articles
    if (!is_word_or_apostrophe(c) || is_apostrophe(c)) {
      if (!is_apostrophe(c)) out.append(q.substr(start, i - start));
      else out.push_back(' ');
      continue;
    }
    int32_t end = i;
    while (end < length) {
      int32_t next = end, d;
      U8_NEXT(bytes, next, length, d);
      if (d < 0 || !is_word_or_apostrophe(d)) break;
      end = next;
    }
    std::string_view word = q.substr(start, end - start);
    i = end;
    if (is_operator(word)) {
      out.append(word);
      continue;
    }
    // Words split by an apostrophe stay together as a phrase ("aujourd-hui").
    std::string joined;
    tokenize(word, [&](const Token& t) {
      if (!joined.empty()) joined += '-';
      joined += t.folded;
    });
    out += joined;
  }
  return out;
}

QueryBuilder::QueryBuilder() {
  configure(stemmed_, Xapian::QueryParser::STEM_SOME);
  configure(exact_, Xapian::QueryParser::STEM_NONE);
}

ParsedQuery QueryBuilder::parse(const std::string& text) {
  ParsedQuery parsed;
  std::string folded = fold_query(text);
  if (folded.find_first_not_of(" \t\r\n") == std::string::npos) {
    parsed.query = Xapian::Query::MatchAll;
    return parsed;
  }
  if (std::string error = syntax_error(folded); !error.empty()) {
    parsed.error = error;
    return parsed;
  }
  try {
    Xapian::Query stemmed = stemmed_.parse_query(folded, kFlags);
    Xapian::Query exact = exact_.parse_query(folded, kFlags);
    parsed.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, stemmed, exact);
  } catch (const Xapian::QueryParserError& e) {
    parsed.error = e.get_msg();
  }
  return parsed;
}

Xapian::Query QueryBuilder::filter(const SearchFilters& f) {
  std::vector<Xapian::Query> parts;
  auto any_of = [&](const std::vector<std::string>& values, const char* prefix) {
    if (values.empty()) return;
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(prefix + facet_key(v));
    parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  };
  any_of(f.sections, s::kSection);
  any_of(f.tags, s::kTagFilter);
  any_of(f.authors, s::kAuthorFilter);
  any_of(f.sources, s::kSource);
  if (f.from || f.to) {
    std::string lo = f.from ? f.from->compact() : "00000000";
    std::string hi = f.to ? f.to->compact() : "99999999";
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, s::kDateSlot, lo, hi);
  }
  if (parts.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

}  // namespace gazette
