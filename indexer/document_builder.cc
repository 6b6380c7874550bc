#include "indexer/document_builder.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "common/schema.h"
#include "common/stored_document.h"
#include "entities/quotes.h"
#include "stories/versions.h"

namespace gazette {
namespace s = schema;

std::vector<std::string> DocumentBuilder::spelling_words(const std::string& text) const {
  std::vector<std::string> words;
  tokenize(text, [&](const Token& t) {
    if (is_spelling_word(t.folded)) words.emplace_back(t.folded);
  });
  return words;
}

bool DocumentBuilder::is_spelling_word(std::string_view folded) const {
  bool no_digit = std::all_of(folded.begin(), folded.end(), [](char c) { return c < '0' || c > '9'; });
  return no_digit && folded.size() >= 4 && folded.size() <= s::kMaxTermBytes && !analyzer_.is_stopword(folded);
}

const std::string& DocumentBuilder::stem(std::string_view folded) {
  const size_t hash = StringHash{}(folded);
  RecentStem& recent = recent_[hash & (kRecentStems - 1)];
  if (recent.hash == hash && recent.word == folded) return recent.stem;
  auto known = stems_.find(folded);
  if (known == stems_.end()) {
    if (stems_.size() >= kMaxCachedStems) stems_.clear();
    known = stems_.emplace(folded, analyzer_.stem(folded)).first;
  }
  recent.hash = hash;
  recent.word.assign(folded);
  recent.stem.assign(known->second);
  return recent.stem;
}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text, Xapian::termpos* free_pos,
                                 Xapian::termcount free_wdf, const FieldTerms& field, WordPlaces* places) {
  // Terms are spelt into these buffers, behind their prefix, so that a word
  // costs no allocation of ours; Xapian copies what it keeps.
  const std::string_view prefix = field.prefix;
  std::string exact, free_stem(s::kStemPrefix), field_term(prefix), field_stem = s::kStemPrefix + std::string(prefix);
  tokenize(text, [&](const Token& t) {
    if (free_pos) signature_.add_word(MinHashSignature::hash_word(t.folded));  // as MinHashSignature::of_texts
    if (t.folded.size() > s::kMaxTermBytes) return;
    const std::string& stem = this->stem(t.folded);
    if (free_pos) {
      doc.add_term(exact.assign(t.folded), free_wdf);
      doc.add_posting(free_stem.replace(1, std::string::npos, stem), ++*free_pos, free_wdf);
      if (places) places->emplace_back(t.begin, *free_pos);
    }
    if (prefix.empty()) return;
    field_stem.replace(prefix.size() + 1, std::string::npos, stem);
    if (field.positions)
      doc.add_posting(field_stem, ++*field.positions);
    else
      doc.add_term(field_stem);
    if (field.exact) doc.add_term(field_term.replace(prefix.size(), std::string::npos, t.folded));
  });
}

const EntityExtractor& shared_entity_extractor() {
  static const EntityExtractor extractor([] {
    const char* path = std::getenv("GAZETTE_ENTITY_DATA");
    return std::string(path ? path : GAZETTE_ENTITY_DATA_DEFAULT);
  }());
  return extractor;
}

DocumentBuilder::DocumentBuilder(const EntityExtractor* entities) : recent_(kRecentStems), entities_(entities) {}

Xapian::Document DocumentBuilder::build(const Article& a, const StoredForm& stored, StageTimes* times) {
  Xapian::Document doc;
  std::optional<StageTimer> timer(std::in_place, times, Stage::kAnalysis);
  // Free text. Positions are on the stems, so that a phrase matches its
  // inflected forms ("gilet jaune" finds "gilets jaunes"); the exact forms,
  // which rank the typed form first, need none. Only the free text and the
  // title keep positions: they are what phrase queries search, and
  // positions are the writer's main cost.
  Xapian::termpos pos = 0;
  Xapian::termpos title_pos = 0;
  signature_.clear();
  index_text(doc, a.title, &pos, s::kTitleWdf, {s::kTitle, true, &title_pos});
  pos += s::kFieldGap;
  // The summary's words are free text; the one term that marks their span
  // (schema.h) is what `resume:` searches. Where the body opens with the
  // summary, that opening is the summary (summary_text()).
  const FreeText text = free_text(a.summary, a.body);
  const SummaryText words = summary_text(a.summary, text);
  const Xapian::termpos before_summary = pos;
  summary_words_.clear();
  rest_words_.clear();
  index_text(doc, words.summary, &pos, 1, {}, &summary_words_);
  if (pos > before_summary) {
    for (Xapian::termpos p = before_summary; p <= pos + 1; ++p) doc.add_posting(s::kSummary, p, 0);
    // Xapian's length of a document, by which BM25 divides, is the sum of
    // its terms' wdf: it counts the summary's words twice, as when they had
    // stems of their own. Related coverage and known items were tuned so
    // (related recall@10 0.216 with it, 0.214 without: gazette-quality).
    doc.add_term(s::kSummary, pos - before_summary);
  }
  pos += s::kFieldGap;
  index_text(doc, words.rest, &pos, 1, {}, &rest_words_);
  for (const auto& author : a.authors) index_text(doc, author, nullptr, 0, {s::kAuthor});
  for (const auto& tag : distinct_tags(a.tags)) index_text(doc, tag, nullptr, 0, {s::kTag});
  if (auto signature = signature_.finish()) write_signature(doc, *signature);

  timer.emplace(times, Stage::kEntities);
  std::vector<Entity> entities;
  if (entities_) entities = entities_->extract(a.title, text.summary, text.body);
  timer.emplace(times, Stage::kQuotes);
  std::vector<ArticleQuote> quotes = quotes_of(a.body, entities);
  mark_quotes(doc, a.body, words, quotes);
  timer.emplace(times, Stage::kStoredFields);
  write_stored_fields(doc, a, entities, quotes, stored);
  return doc;
}

void DocumentBuilder::mark_quotes(Xapian::Document& doc, std::string_view body, const SummaryText& words,
                                  const std::vector<ArticleQuote>& quotes) {
  if (quotes.empty()) return;
  // The places of the body's words: of the parts of the free text that are
  // the body's (summary_text()), with their offsets made the body's; for a
  // body cut short of its summary, which the free text has instead, the
  // summary's words, one for one.
  body_words_.clear();
  auto offset_in_body = [&](std::string_view part) -> std::optional<size_t> {
    const auto start = reinterpret_cast<uintptr_t>(body.data()), at = reinterpret_cast<uintptr_t>(part.data());
    if (part.empty() || at < start || at + part.size() > start + body.size()) return std::nullopt;
    return at - start;
  };
  const std::pair<std::string_view, const WordPlaces*> parts[] = {{words.summary, &summary_words_},
                                                                  {words.rest, &rest_words_}};
  for (const auto& [part, places] : parts)
    if (auto offset = offset_in_body(part))
      for (const auto& [at, position] : *places) body_words_.emplace_back(*offset + at, position);
  if (body_words_.empty()) {
    size_t k = 0;
    tokenize(body, [&](const Token& t) {
      if (t.folded.size() <= s::kMaxTermBytes && k < summary_words_.size())
        body_words_.emplace_back(t.begin, summary_words_[k++].second);
    });
  }
  for (const ArticleQuote& q : quotes) {
    auto word = std::lower_bound(body_words_.begin(), body_words_.end(), std::make_pair(q.offset, Xapian::termpos{0}));
    // wdf 1 a word: the document's length counts the quotes' words twice,
    // as when they had stems of their own (see the summary's span).
    for (; word != body_words_.end() && word->first < q.offset + q.text.size(); ++word)
      doc.add_posting(s::kQuote, word->second + 1, 1);
  }
}

std::vector<ArticleQuote> quotes_of(std::string_view body, const std::vector<Entity>& entities) {
  // The people of the article, by every form written: a speaker found is
  // one of them (its longest form), which names its entity.
  std::vector<std::string> people;
  std::vector<const Entity*> person_of;
  for (const Entity& e : entities) {
    if (e.type != EntityType::kPerson) continue;
    people.push_back(e.name);
    person_of.push_back(&e);
    for (const std::string& alias : e.aliases) {
      people.push_back(alias);
      person_of.push_back(&e);
    }
  }
  std::vector<ArticleQuote> out;
  for (Quote& q : extract_quotes(body, people)) {
    ArticleQuote quote{std::move(q.text), std::move(q.speaker), "", q.begin};
    for (size_t i = 0; i < people.size() && !quote.speaker.empty(); ++i)
      if (people[i] == quote.speaker) {
        quote.speaker_id = person_of[i]->id;
        quote.speaker = person_of[i]->name;
        break;
      }
    out.push_back(std::move(quote));
  }
  return out;
}

}  // namespace gazette
