// The Gazette index schema: every term prefix and value slot that the indexer
// writes and the searcher reads is named here, and only here. DESIGN.md
// documents the same table for people.
//
// Conventions follow Xapian's (and Omega's): unprefixed terms are the folded
// exact forms with positions, "Z" marks a stemmed form, boolean filter terms
// have an "X..." prefix or a single capital letter.
#pragma once

#include <xapian.h>

namespace gazette::schema {

// Bumped whenever documents written by an older indexer would be read
// wrongly or indexed differently: it is part of each article's content hash,
// so that a re-run rewrites every article. 9: a summary repeated by the body
// is free text once (article.h). 10: the stored article is a value
// (kRecordSlot), no longer the document data. 11: the summary and the
// quotes are free text marked by kSummary and kQuote, no longer "ZU" and
// "ZC" terms.
inline constexpr int kVersion = 11;
inline constexpr const char* kVersionKey = "gazette:schema";
// Metadata: the UTC time of the last commit, ISO 8601.
inline constexpr const char* kLastUpdateKey = "gazette:last-update";
// Metadata: a number that changes whenever a commit replaces a document.
// While it stays the same, a later revision of the database only added
// documents, all after the earlier revision's last document id, or deleted
// some, so that what a reader built per revision by document id (facet
// columns) can be extended instead of rebuilt: no search matches a deleted
// document again. Missing until the first replacement. Recording an
// article's group of versions does not change it: no column holds that.
inline constexpr const char* kRewritesKey = "gazette:rewrites";

// --- Free-text terms (probabilistic) ---------------------------------------
// Unprefixed: exact folded words of title, summary and body (no positions).
// "Z" + stem is added for every unprefixed and field word; the unprefixed
// stems and the title's ("ZS") carry the positions, so that phrases match
// inflected forms.
inline constexpr const char* kStemPrefix = "Z";
inline constexpr const char* kTitle = "S";  // title words; their stems have positions
// The summary (chapô) has no terms of its own: its words are free text, and
// this term, with no word after it, marks their span. It is at every
// position from the one before the summary's first word to the one after
// its last (its wdf is the summary's count of words, see
// DocumentBuilder::build()), so that a free-text stem within one position of it
// (Xapian's OP_NEAR, window 2) is a summary word: the gaps between fields
// keep every other word further away. A run of positions costs a few bytes
// where the summary's stems under a prefix of their own were an eighth of
// all postings.
inline constexpr const char* kSummary = "U";
inline constexpr const char* kAuthor = "A";  // author name words
inline constexpr const char* kTag = "K";     // tag words
// The words of the body's quotes have no terms of their own either: this
// term is at the position after each of them (wdf 1 there), so that a
// free-text stem followed by it (a phrase of the two) is a quote's word. A
// word just before or after a quote has no such follower. (A span from one
// position before to one after, as for the summary, would reach the word
// next to a quote.)
inline constexpr const char* kQuote = "C";

// The title's words also go into the unprefixed field with this wdf so that
// a match in the title outweighs one in the body.
inline constexpr Xapian::termcount kTitleWdf = 3;
// Gap between fields in the unprefixed position space, so that a phrase
// cannot straddle the end of the title and the start of the body.
inline constexpr Xapian::termpos kFieldGap = 100;
// Longer tokens are not indexed: Xapian rejects terms over 245 bytes and such
// tokens are never typed (URLs, base64 blobs left in bodies).
inline constexpr size_t kMaxTermBytes = 64;

// --- Boolean filter terms --------------------------------------------------
inline constexpr const char* kId = "Q";             // unique article id
inline constexpr const char* kSection = "XS";       // + folded section name
inline constexpr const char* kTagFilter = "XT";     // + folded tag
inline constexpr const char* kAuthorFilter = "XA";  // + folded author
inline constexpr const char* kSource = "XO";        // + source name
inline constexpr const char* kEntity = "XE";        // + entity id ("p:emmanuel-macron")
inline constexpr const char* kQuoted = "XC";        // alone: the body holds quotes
inline constexpr const char* kSpeaker = "XQ";       // + entity id of a quote's speaker
inline constexpr const char* kYear = "Y";           // + YYYY
inline constexpr const char* kMonth = "M";          // + YYYYMM
inline constexpr const char* kDay = "D";            // + YYYYMMDD
// Near-duplicates (stories/versions.h): a band of the text's MinHash
// signature, the key under which similar texts meet ("XB" + a letter for
// the band + its rows, 2 bytes each).
inline constexpr const char* kSignatureBand = "XB";

// --- Value slots -------------------------------------------------------------
enum Slot : Xapian::valueno {
  kDateSlot = 0,       // "YYYYMMDD" (local date as published): ranges, histogram
  kTimestampSlot = 1,  // sortable_serialise(UTC seconds): sort by date
  kSectionSlot = 2,    // section as displayed: facet
  kSourceSlot = 3,     // source name: facet
  kHashSlot = 4,       // content hash of the article: skip unchanged re-imports
  kTagsSlot = 5,       // tags as displayed, joined (value_list.h): facet
  kTitleKeySlot = 6,   // folded title: collapses republished copies of a story
  kEntitiesSlot = 7,   // "id<RS>name" per entity, joined (value_list.h): facet
  // sortable_serialise(-UTC seconds): oldest first is this slot in reverse
  // order, so that undated articles (no value) come last in both orders
  // (Xapian's KeyMaker would do it, but remote shards do not take one).
  kOldestFirstSlot = 8,
  kSignatureSlot = 9,  // the text's MinHash signature (stories/minhash.h)
  // The key of the article's group of versions (near-duplicates): the id of
  // one of its members. Empty for an article with no other version, which
  // Xapian's collapsing then leaves alone.
  kVersionsSlot = 10,
  // The id of the article's story (stories/stories.h): the id of the article
  // that started it. Every article has one (an undated one, its own).
  kStorySlot = 11,
  kStoryVectorSlot = 12,  // what the article is about (stories/story_vector.h)
  // "id<RS>name" per speaker entity of the body's quotes, joined
  // (value_list.h): the speaker facet of quote searches.
  kSpeakersSlot = 13,
  // The stored article (stored_data.h). Not the document data: Xapian tries
  // zlib on every document data it writes, and again on each it copies when
  // it merges shards, and a zstd frame never shrinks (4.3 s of deflate for
  // the shared corpus, each time). Value streams are not compressed.
  kRecordSlot = 14,
};

// Separates an entity's id from its name in kEntitiesSlot.
inline constexpr char kEntityNameSeparator = '\x1e';

}  // namespace gazette::schema
