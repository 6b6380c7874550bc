// The stored form of an article in a Gazette index, both directions: what the
// indexer writes into a Xapian::Document besides the analysed words (the id
// term, the filter terms, the value slots, among them the stored article)
// and what search
// reads back from it. Everything that knows how a field is stored lives here
// and in schema.h (the names of the prefixes and slots); the analysed free
// text is the FrenchAnalyzer's (indexer/document_builder.h).
//
// Pure functions of their arguments: thread-safe. Nothing here throws but
// Xapian's own errors from the Database or Document it is given.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/problem.h"
#include "common/schema.h"
#include "common/value_list.h"

namespace gazette {

// --- Identity -----------------------------------------------------------------

// The unique id term of an article: the key of replace_document, of deletes and
// of every lookup by id.
std::string id_term(std::string_view id);
// The document of article `id`, if the database holds it.
std::optional<Xapian::docid> find_article(const Xapian::Database& db, std::string_view id);
// The id of document `doc` of `db`, read from its id term; empty if it has none.
std::string article_id(const Xapian::Database& db, Xapian::docid doc);
// The ids of every document of `db`, indexed by document id (empty where
// none): one pass over the id terms, where article_id() reads a document's
// term list (1.6 s for the 63,231 articles of the shared corpus).
std::vector<std::string> article_ids(const Xapian::Database& db);

// --- Writing ------------------------------------------------------------------

// What an article's stored form is before analysis: enough to tell that the
// index holds it unchanged (then it is neither analysed nor written again).
struct StoredForm {
  std::string id_term;
  std::string data;  // the article's JSON as imported, without entities
  std::string hash;  // fingerprint of `data` and of the schema version (kHashSlot)
};
StoredForm stored_form(const Article& article);
// True when `db` holds this id with the same fingerprint.
bool is_unchanged(const Xapian::Database& db, const StoredForm& stored);

// The key of a filter term (schema::kSection + key, ...): the value's
// facet_key(), cut to what a term may hold. An article matches a filter value
// v when filter_key(stored value) == facet_key(v); entity ids are their own key.
inline constexpr size_t kMaxFilterKeyBytes = 180;
std::string filter_key(std::string_view value);
// The same for a section: its section_key() (french_analyzer.h), cut so.
std::string section_filter_key(std::string_view value);

// Tags that filter alike ("Faits divers", "Faits-divers") once each, first
// spelling kept, so that a facet counts an article once per tag.
std::vector<std::string> distinct_tags(const std::vector<std::string>& tags);

// Writes everything of `article` but the analysed text: the id term, the
// filter terms and the value slots, the stored article's too (`stored`, which must
// be stored_form(article), with `entities` and `quotes` added: the
// indexer's finds; article.entities and article.quotes are ignored). The
// quotes' words are not written here: they are analysed text
// (DocumentBuilder).
void write_stored_fields(Xapian::Document& doc, const Article& article, const std::vector<Entity>& entities,
                         const std::vector<ArticleQuote>& quotes, const StoredForm& stored);

// --- Searching --------------------------------------------------------------

// What matches the free-text stem term `stem_term` ("Z" + stem) where it is a
// word of the summary (schema::kSummary), and where it is a word of one of
// the body's quotes (schema::kQuote). Stock Xapian operators: remote shards
// run them too.
Xapian::Query in_summary(const std::string& stem_term);
Xapian::Query in_quote(const std::string& stem_term);

// --- Reading ------------------------------------------------------------------

// The article a document stores, with its entities; a Problem
// ("bad_stored_document") naming the document when its data cannot be read.
Result<Article> read_article(const Xapian::Document& doc);
// The article as a search hit shows it: read_article() without its quotes
// and its entities' aliases, which a search would read for ten hits and
// never show; the same Problem.
Result<Article> read_hit_article(const Xapian::Document& doc);
// The id and summary of the article whose stored record (the value of
// kRecordSlot of document `doc`, as a stream of values gives it,
// Database::valuestream_begin()) is `record`, without reading the rest;
// the same Problem.
Result<Article> read_summary(std::string_view record, Xapian::docid doc);
// Its id and title only, without reading the rest (lists of titles); the
// same Problem. On data that is JSON, both readers agree. On data that is
// not (written by another program), the parser checks only what it reads,
// so one reader may stop at a fault that the other skipped.
Result<ArticleTitle> read_title(const Xapian::Document& doc);

// One entry of the entities slot: views into the slot's value.
struct EntityEntry {
  std::string_view id;    // "p:emmanuel-macron"
  std::string_view name;  // as displayed: "Emmanuel Macron"
};
// Reads one element of the entities slot's joined list.
EntityEntry entity_entry(std::string_view element);
// Calls fn(EntityEntry) for each entity of a kEntitiesSlot value.
template <typename Fn>
void for_each_entity(std::string_view slot_value, Fn&& fn) {
  for_each_value(slot_value, [&](std::string_view element) { fn(entity_entry(element)); });
}

}  // namespace gazette
