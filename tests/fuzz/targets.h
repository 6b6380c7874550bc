// What each fuzz target does with one input: the entry points it calls and
// the invariants it checks. The libFuzzer targets (tests/fuzz/*_fuzz.cc) and
// the regression test that replays saved crashes (tests/fuzz_regressions_test.cc)
// both call these functions, so a replayed input takes exactly the path the
// fuzzer took.
//
// A broken invariant throws InvariantBroken: under libFuzzer the uncaught
// exception aborts, which is a crash with the message; in GoogleTest it is a
// failure naming the input. The code under test promises never to throw, so
// anything else it throws is a finding too.
#pragma once

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/article_json.h"
#include "common/date.h"
#include "common/french_analyzer.h"
#include "common/stored_document.h"
#include "common/text_folding.h"
#include "common/whitespace.h"
#include "entities/quotes.h"
#include "indexer/html_importer.h"
#include "indexer/jsonl_importer.h"
#include "indexer/live_writer.h"
#include "indexer/text_importer.h"
#include "reference_tokenizer.h"
#include "search/query_builder.h"
#include "search/searcher.h"
#include "service/api_error.h"
#include "service/api_params.h"
#include "service/cursor.h"
#include "service/json_writer.h"

namespace gazette::fuzz {

struct InvariantBroken : std::logic_error {
  using std::logic_error::logic_error;
};

#define GAZETTE_FUZZ_CHECK(cond, what)                                                       \
  do {                                                                                       \
    if (!(cond)) throw ::gazette::fuzz::InvariantBroken(std::string(#cond) + ": " + (what)); \
  } while (0)

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits on `sep`, keeping empty parts.
inline std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  while (true) {
    size_t at = text.find(sep);
    parts.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

// A scratch folder for this process, in memory when /dev/shm exists (the
// JSON Lines target writes a file per input).
struct ScratchDir {
  std::string path;
  ScratchDir() {
    std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    path = base + "/gazette-fuzz-" + std::to_string(getpid());
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

inline const std::string& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

// ------------------------------------------------------------ invariants

inline void check_date(const Date& d, const std::string& context) {
  GAZETTE_FUZZ_CHECK(
      d.year >= kMinYear && d.year <= kMaxYear && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31,
      context + " gave " + d.iso());
  // What the index stores must read back as the same day and time.
  std::optional<Date> again = parse_date(d.iso());
  GAZETTE_FUZZ_CHECK(again && again->iso() == d.iso(), context + ": " + d.iso() + " does not read back");
  std::optional<Date> compact = parse_compact_date(d.compact());
  GAZETTE_FUZZ_CHECK(compact && compact->compact() == d.compact(), context + ": " + d.compact());
}

inline bool same_article(const Article& a, const Article& b) {
  return a.id == b.id && a.source == b.source && a.url == b.url && a.title == b.title && a.summary == b.summary &&
         a.published == b.published && a.section == b.section && a.tags == b.tags && a.authors == b.authors &&
         a.body == b.body && a.truncated == b.truncated;
}

// Every importer: an article or a problem, never both; an article is fit to
// index, and its stored JSON reads back as the same article (the service's
// POST path reads articles exactly that way).
inline void check_record(const ImportRecord& r, const std::string& importer) {
  GAZETTE_FUZZ_CHECK(r.article.has_value() == !r.problem, importer + ": problem '" + r.problem_message() + "'");
  if (!r.article) return;
  const Article& a = *r.article;
  Status unfit = check_article(a);
  GAZETTE_FUZZ_CHECK(!unfit, importer + " accepted an article that " + (unfit ? unfit->message : ""));
  if (a.date.valid()) check_date(a.date, importer);
  std::string stored = article_to_json(a).dump();
  ImportRecord again = parse_jsonl_line(stored, {"stored", 1});
  GAZETTE_FUZZ_CHECK(again.article && same_article(*again.article, a),
                     importer + ": stored JSON does not read back: " + again.problem_message());
}

inline void check_paragraphs(const std::string& body, const std::string& importer) {
  GAZETTE_FUZZ_CHECK(body.find("\n\n\n") == std::string::npos, importer + ": empty paragraph");
  GAZETTE_FUZZ_CHECK(trim_whitespace(body).size() == body.size(), importer + ": body not trimmed");
}

// ------------------------------------------------------------- targets

inline std::vector<ImportRecord> import_jsonl(const std::string& path) {
  std::vector<ImportRecord> records;
  import_jsonl_file(path, [&](ImportRecord&& r) { records.push_back(std::move(r)); });
  return records;
}

inline void check_jsonl_file(const std::vector<ImportRecord>& records, const std::string& path) {
  size_t last_line = 0;
  for (const ImportRecord& r : records) {
    check_record(r, "import_jsonl_file");
    GAZETTE_FUZZ_CHECK(r.where.file == path, r.where.file);
    GAZETTE_FUZZ_CHECK(r.where.line >= last_line, "line numbers go back");
    last_line = r.where.line;
  }
}

inline void run_jsonl(const uint8_t* data, size_t size) {
  std::string_view input = as_text(data, size);
  check_record(parse_jsonl_line(input, {"fuzz.jsonl", 1}), "parse_jsonl_line");

  // The same bytes as a file, then gzip-compressed: both must read alike.
  // Inputs that start like a gzip stream are fed as they are, so that the
  // fuzzer also reaches the decoder's error paths.
  const std::string plain = scratch_dir() + "/input.jsonl";
  std::ofstream(plain, std::ios::binary | std::ios::trunc).write(input.data(), input.size());
  std::vector<ImportRecord> records = import_jsonl(plain);
  check_jsonl_file(records, plain);
  if (!input.empty() && input[0] == '\x1f') return;

  const std::string compressed = scratch_dir() + "/input.jsonl.gz";
  gzFile gz = gzopen(compressed.c_str(), "wb1");
  if (!input.empty()) gzwrite(gz, input.data(), static_cast<unsigned>(input.size()));
  gzclose(gz);
  std::vector<ImportRecord> from_gz = import_jsonl(compressed);
  check_jsonl_file(from_gz, compressed);
  GAZETTE_FUZZ_CHECK(from_gz.size() == records.size(), "plain and gzip give different record counts");
  for (size_t i = 0; i < records.size(); ++i) {
    const ImportRecord &a = records[i], &b = from_gz[i];
    GAZETTE_FUZZ_CHECK(a.where.line == b.where.line && a.problem_message() == b.problem_message() &&
                           a.warnings == b.warnings && a.article.has_value() == b.article.has_value() &&
                           (!a.article || same_article(*a.article, *b.article)),
                       "plain and gzip differ at record " + std::to_string(i) + ": '" + a.problem_message() + "' / '" +
                           b.problem_message() + "'");
  }
}

inline void run_html(const uint8_t* data, size_t size) {
  ImportRecord r = parse_html_article(as_text(data, size), "fuzz", {"fuzz.html", 0});
  check_record(r, "parse_html_article");
  if (!r.article) return;
  check_paragraphs(r.article->body, "parse_html_article");
  GAZETTE_FUZZ_CHECK(collapse_whitespace(r.article->title) == r.article->title, "title not collapsed");
}

inline void run_text(const uint8_t* data, size_t size) {
  std::string_view input = as_text(data, size);
  ImportRecord r = parse_text_article(input, "fuzz", {"fuzz.txt", 0});
  check_record(r, "parse_text_article");
  if (r.article) check_paragraphs(r.article->body, "parse_text_article");

  std::optional<Date> whole = parse_date(input);
  if (whole) check_date(*whole, "parse_date");
  if (std::optional<Date> found = find_date(input)) check_date(*found, "find_date");
  std::optional<Date> lo = parse_date_bound(input, false), hi = parse_date_bound(input, true);
  GAZETTE_FUZZ_CHECK(lo.has_value() == hi.has_value(), "a period with one bound");
  if (lo) {
    check_date(*lo, "parse_date_bound");
    check_date(*hi, "parse_date_bound");
    GAZETTE_FUZZ_CHECK(lo->compact() <= hi->compact(), lo->compact() + " > " + hi->compact());
  }
  if (whole) GAZETTE_FUZZ_CHECK(lo && lo->iso() == whole->iso(), "a whole date is its own bound");
}

inline void run_analyzer(const uint8_t* data, size_t size) {
  static const FrenchAnalyzer analyzer;
  std::string_view text = as_text(data, size);
  GAZETTE_FUZZ_CHECK(tokenized(text) == reference_tokens(text),
                     "tokenize() breaks the rules read a code point at a time");
  size_t previous_end = 0;
  tokenize(text, [&](const Token& t) {
    GAZETTE_FUZZ_CHECK(t.begin < t.end && t.end <= text.size(), "token outside the text");
    GAZETTE_FUZZ_CHECK(t.begin >= previous_end, "tokens overlap or go back");
    previous_end = t.end;
    GAZETTE_FUZZ_CHECK(!t.folded.empty(), "empty token");
    GAZETTE_FUZZ_CHECK(find_invalid_utf8(t.folded) == std::string::npos, "token is not UTF-8");
    // A token's bytes are word characters only, so alone they are one
    // token with the same folded form (the snippet marker relies on it).
    std::vector<std::string> alone;
    tokenize(text.substr(t.begin, t.end - t.begin), [&](const Token& u) { alone.emplace_back(u.folded); });
    GAZETTE_FUZZ_CHECK(alone.size() == 1 && alone[0] == t.folded,
                       "token '" + std::string(t.folded) + "' re-tokenizes differently");
    analyzer.stem(t.folded);
  });
  std::string folded = fold_text(text);
  GAZETTE_FUZZ_CHECK(find_invalid_utf8(folded) == std::string::npos, "folded text is not UTF-8");
  // Not checked: that facet_key(key) == key. U+0149 folds to "ʼn", whose
  // apostrophe a second pass splits off. (Letters whose compatibility form
  // holds a space or punctuation, U+037A, U+0140, U+FDFA, fold to their
  // letters only since analyzer_fuzz found them: text_folding.cc.)
  std::string key = facet_key(text);
  GAZETTE_FUZZ_CHECK(key.empty() || (key.front() != ' ' && key.back() != ' '), "facet key not trimmed");
}

// A tiny index for the query target, so that parsed queries also run
// through Enquire, facets and the highlighter.
inline Searcher& tiny_searcher() {
  static std::unique_ptr<Searcher> searcher = [] {
    std::string db = scratch_dir() + "/db";
    LiveWriter writer(db);
    std::vector<Article> articles;
    const char* const texts[][4] = {
        {"f-1", "L’école de la République", "Politique", "Les écoles rouvrent le 1er mars 2022 à Paris."},
        {"f-2", "Kim Jong-un à Moscou", "International", "Kim Jong Un rencontre Sergueï Choïgou."},
        {"f-3", "Gaza : trêve", "International", "Une trêve à Gaza, le gaz manque."}};
    for (const auto& t : texts) {
      Article a;
      a.id = t[0];
      a.title = t[1];
      a.section = t[2];
      a.body = t[3];
      a.source = "fuzz";
      a.tags = {"éducation", "monde"};
      a.date = *parse_date("2022-03-01T10:00:00+01:00");
      a.published = a.date.iso();
      articles.push_back(a);
    }
    writer.put(articles);
    return std::make_unique<Searcher>(Xapian::Database(db));
  }();
  return *searcher;
}

// Input: the query, then NUL-separated filter values (sections, tags,
// authors, sources in turn; values that read as dates also bound the range).
inline void run_query(const uint8_t* data, size_t size) {
  static QueryBuilder builder;
  std::vector<std::string> parts = split(as_text(data, size), '\0');
  const std::string& text = parts[0];
  std::string folded = fold_query(text);
  GAZETTE_FUZZ_CHECK(find_invalid_utf8(folded) == std::string::npos, "folded query is not UTF-8");
  ParsedQuery parsed = builder.parse(text);
  if (parsed.ok()) parsed.query.get_description();

  SearchFilters filters;
  std::vector<std::string>* lists[] = {&filters.sections, &filters.tags, &filters.authors, &filters.sources};
  for (size_t i = 1; i < parts.size(); ++i) {
    lists[i % 4]->push_back(parts[i]);
    if (!filters.from)
      filters.from = parse_date_bound(parts[i], false);
    else if (!filters.to)
      filters.to = parse_date_bound(parts[i], true);
  }
  QueryBuilder::filter(filters).get_description();

  // The API limits what reaches the searcher; honour the same limits.
  if (text.size() > kMaxQueryBytes || find_invalid_utf8(text) != std::string::npos) return;
  SearchRequest request;
  request.query = text;
  request.filters = filters;
  request.facets = {Facet::kSection, Facet::kTag, Facet::kSource, Facet::kDate};
  SearchResult result = tiny_searcher().search(request);
  GAZETTE_FUZZ_CHECK(!result.problem == parsed.ok(),
                     "searcher and builder disagree: " + (result.problem ? result.problem->str() : "no problem"));
  GAZETTE_FUZZ_CHECK(result.hits.size() <= 3, "more hits than articles");
}

inline int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// Input: a query string, "q=...&size=..&section=..", decoded like httplib.
inline void run_params(const uint8_t* data, size_t size) {
  Params params;
  for (const std::string& pair : split(as_text(data, size), '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    params.emplace(percent_decode(pair.substr(0, eq)),
                   eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1)));
  }
  SearchParams out;
  Status error = parse_search_params(params, out);
  if (error) {
    GAZETTE_FUZZ_CHECK(ApiError::from(*error).status == 400 && !error->message.empty() && !error->code.empty(),
                       "vague error");
    return;
  }
  const SearchRequest& r = out.request;
  GAZETTE_FUZZ_CHECK(r.limit >= 1 && r.limit <= kMaxPageSize, "size " + std::to_string(r.limit));
  GAZETTE_FUZZ_CHECK(r.offset <= (kMaxPage - 1) * kMaxPageSize, "offset " + std::to_string(r.offset));
  GAZETTE_FUZZ_CHECK(r.query.size() <= kMaxQueryBytes && find_invalid_utf8(r.query) == std::string::npos, "q");
  GAZETTE_FUZZ_CHECK(r.facet_size >= 1 && r.facet_size <= kMaxFacetSize, "facet_size");
  for (const auto* list : {&r.filters.sections, &r.filters.tags, &r.filters.authors, &r.filters.sources})
    GAZETTE_FUZZ_CHECK(list->size() <= kMaxFilterValues, "too many filter values");
  if (r.filters.from && r.filters.to)
    GAZETTE_FUZZ_CHECK(r.filters.from->compact() <= r.filters.to->compact(), "from after to");
  SearchParams again;
  GAZETTE_FUZZ_CHECK(!parse_search_params(params, again) && again.fingerprint == out.fingerprint,
                     "fingerprint is not deterministic");
  GAZETTE_FUZZ_CHECK(
      decode_cursor(encode_cursor(r.offset + r.limit, out.fingerprint), out.fingerprint) == r.offset + r.limit,
      "cursor round trip");
}

// Input: the cursor, a NUL, the fingerprint of the search.
inline void run_cursor(const uint8_t* data, size_t size) {
  std::string_view input = as_text(data, size);
  size_t nul = input.find('\0');
  std::string cursor(input.substr(0, nul));
  std::string fingerprint(nul == std::string_view::npos ? "" : input.substr(nul + 1));
  if (std::optional<size_t> offset = decode_cursor(cursor, fingerprint)) {
    GAZETTE_FUZZ_CHECK(decode_cursor(encode_cursor(*offset, fingerprint), fingerprint) == offset, "re-encoded");
    // Another search must not accept it (unless the checksums collide,
    // which a fuzzer is not expected to hit by chance).
    std::optional<size_t> other = decode_cursor(cursor, fingerprint + "x");
    GAZETTE_FUZZ_CHECK(!other, "cursor accepted by another search");
  }
  // Offsets a search can reach (below 10^12) survive a round trip.
  uint64_t offset = 0;
  for (size_t i = 0; i < size && i < 8; ++i) offset = offset << 8 | data[i];
  offset %= 1000000000000ULL;
  std::string encoded = encode_cursor(offset, fingerprint);
  GAZETTE_FUZZ_CHECK(decode_cursor(encoded, fingerprint) == offset, encoded);
  if (!encoded.empty()) {
    std::string tampered = encoded;
    tampered[offset % tampered.size()] ^= 1;
    GAZETTE_FUZZ_CHECK(!decode_cursor(tampered, fingerprint), "tampered cursor accepted: " + tampered);
  }
}

// Input: a document's data, as an index written by another program (or
// damaged) may hold. Reading it never throws; what reads as an article reads
// as the same id and title through read_title, and writes back to data that
// reads as the same article.
inline void run_stored(const uint8_t* data, size_t size) {
  Xapian::Document doc;
  doc.set_data(std::string(as_text(data, size)));
  Result<Article> article = read_article(doc);
  Result<ArticleTitle> title = read_title(doc);
  if (!article) {
    GAZETTE_FUZZ_CHECK(article.problem().code == "bad_stored_document" && !article.problem().message.empty(),
                       "vague problem: " + article.problem().str());
    return;
  }
  // Each reader checks only what it reads (stored_document.h): on data
  // that is not JSON, read_title may stop at a fault that read_article
  // skipped, or the reverse.
  if (nlohmann::json::accept(as_text(data, size)))
    GAZETTE_FUZZ_CHECK(title && title->id == article->id && title->title == article->title,
                       "read_title disagrees with read_article on JSON");
  // simdjson validates UTF-8, so what it read can be written as JSON again.
  Xapian::Document again;
  write_stored_fields(again, *article, article->entities, article->quotes, stored_form(*article));
  Result<Article> reread = read_article(again);
  GAZETTE_FUZZ_CHECK(reread && same_article(*reread, *article) && reread->entities.size() == article->entities.size() &&
                         reread->quotes.size() == article->quotes.size(),
                     "a stored article does not read back after writing it");
}

// Quotes and speakers (entities/quotes.h): any bytes, with and without a
// list of people; every quote is a range of the input, its text that range.
inline void run_quotes(const uint8_t* data, size_t size) {
  std::string_view input = as_text(data, size);
  static const std::vector<std::string> people = {"Emmanuel Macron", "Macron", "Olivier Véran", "Véran"};
  for (const auto* list : {&people, static_cast<const std::vector<std::string>*>(nullptr)}) {
    for (const Quote& q : list ? extract_quotes(input, *list) : extract_quotes(input)) {
      GAZETTE_FUZZ_CHECK(q.begin <= q.end && q.end <= input.size(), "a quote outside the text");
      GAZETTE_FUZZ_CHECK(input.substr(q.begin, q.end - q.begin) == q.text, "a quote's text is not its range");
      GAZETTE_FUZZ_CHECK(q.speaker.empty() || q.speaker_end <= input.size(), "a speaker outside the text");
    }
  }
}

// The writer of answers (service/json_writer.h): any bytes, cut at each NUL,
// written as strings, as member names and as numbers. The text must be JSON
// that a strict parser accepts, a valid string must read back as it was, an
// invalid one as valid UTF-8, and every number as its value (null when it is
// not finite).
inline void run_json_writer(const uint8_t* data, size_t size) {
  const std::vector<std::string> parts = split(as_text(data, size), '\0');
  auto number_of = [](const std::string& part, auto zero) {
    decltype(zero) n = zero;
    std::memcpy(&n, part.data(), std::min(part.size(), sizeof n));
    return n;
  };
  JsonWriter out;
  out.begin_object().key("strings").begin_array();
  for (const std::string& part : parts) out.string(part);
  out.end_array().key("numbers").begin_array();
  for (const std::string& part : parts)
    out.number(number_of(part, 0.0)).number(number_of(part, int64_t{0})).number(number_of(part, uint64_t{0}));
  out.end_array().key("members").begin_object();
  for (const std::string& part : parts) out.member(part, part);
  out.end_object().end_object();
  nlohmann::json read;
  try {
    read = nlohmann::json::parse(out.text());
  } catch (const nlohmann::json::exception& e) {
    throw InvariantBroken(std::string("the text is not JSON: ") + e.what());
  }
  const nlohmann::json& strings = read.at("strings");
  const nlohmann::json& numbers = read.at("numbers");
  GAZETTE_FUZZ_CHECK(strings.size() == parts.size() && numbers.size() == 3 * parts.size(), "values lost");
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const std::string back = strings[i].get<std::string>();
    if (find_invalid_utf8(part) == std::string::npos) {
      GAZETTE_FUZZ_CHECK(back == part, "a valid string reads back otherwise");
      GAZETTE_FUZZ_CHECK(read.at("members").contains(part), "a member's name is lost");
    } else {
      GAZETTE_FUZZ_CHECK(find_invalid_utf8(back) == std::string::npos, "an invalid string is written as it is");
    }
    const double d = number_of(part, 0.0);
    if (std::isfinite(d))
      GAZETTE_FUZZ_CHECK(numbers[3 * i].get<double>() == d, "a double reads back otherwise");
    else
      GAZETTE_FUZZ_CHECK(numbers[3 * i].is_null(), "a number that is not finite is not null");
    GAZETTE_FUZZ_CHECK(numbers[3 * i + 1].get<int64_t>() == number_of(part, int64_t{0}),
                       "an int64 reads back otherwise");
    GAZETTE_FUZZ_CHECK(numbers[3 * i + 2].get<uint64_t>() == number_of(part, uint64_t{0}),
                       "a uint64 reads back otherwise");
  }
}

struct Target {
  const char* name;
  void (*run)(const uint8_t* data, size_t size);
};

inline constexpr Target kTargets[] = {
    {"jsonl_fuzz", run_jsonl},   {"html_fuzz", run_html},
    {"text_fuzz", run_text},     {"analyzer_fuzz", run_analyzer},
    {"query_fuzz", run_query},   {"params_fuzz", run_params},
    {"cursor_fuzz", run_cursor}, {"stored_fuzz", run_stored},
    {"quotes_fuzz", run_quotes}, {"json_writer_fuzz", run_json_writer},
};

}  // namespace gazette::fuzz
