#include "indexer/html_importer.h"

#include "indexer/whole_file.h"

#include <gumbo.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "common/date.h"
#include "common/text_folding.h"
#include "common/whitespace.h"
#include "indexer/text_importer.h"

namespace gazette {
namespace {

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboDeleter>;

// The tree points into `html`, which must outlive it.
GumboTree parse_tree(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // unused here, and the list grows with broken pages
  return GumboTree(gumbo_parse_with_options(&options, html.data(), html.size()));
}

// Deeper elements are ignored, so that the recursive walks below cannot
// overflow the stack; articles nest a few dozen deep (and Chromium's parser
// stops nesting at 512).
constexpr int kMaxDepth = 512;

const GumboVector& children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

const GumboNode* child(const GumboNode* node, unsigned i) {
  return static_cast<const GumboNode*>(children(node).data[i]);
}

std::string attribute(const GumboNode* element, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&element->v.element.attributes, name);
  return a ? a->value : "";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void append_text(const GumboNode* node, std::string& out, int depth = 0) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
  } else if (node->type == GUMBO_NODE_ELEMENT && depth < kMaxDepth) {
    for (unsigned i = 0; i < children(node).length; ++i) append_text(child(node, i), out, depth + 1);
  }
}

std::string text_of(const GumboNode* node) {
  std::string text;
  append_text(node, text);
  return collapse_whitespace(text);
}

// What the article is read from, gathered in one walk over the page.
struct Page {
  std::multimap<std::string, std::string> meta;  // by lower-cased property, name, itemprop
  std::string charset;                           // as declared, if at all
  std::string title, h1, canonical, time_datetime;
  const GumboNode* article_body = nullptr;  // itemprop=articleBody
  std::vector<const GumboNode*> articles;
  const GumboNode* main = nullptr;
};

// "text/html; charset=windows-1252" -> "windows-1252".
std::string charset_in_content_type(const std::string& content) {
  std::string value = lower(content);
  size_t at = value.find("charset=");
  if (at == std::string::npos) return "";
  value = value.substr(at + 8);
  return value.substr(0, value.find_first_of("; \t\"'"));
}

void read_meta(const GumboNode* element, Page& page) {
  std::string content = attribute(element, "content");
  for (const char* key : {"property", "name", "itemprop"})
    if (std::string k = attribute(element, key); !k.empty()) page.meta.emplace(lower(k), content);
  // The first declaration counts, as in browsers.
  if (page.charset.empty()) page.charset = attribute(element, "charset");
  if (page.charset.empty() && lower(attribute(element, "http-equiv")) == "content-type")
    page.charset = charset_in_content_type(content);
}

void scan(const GumboNode* node, Page& page, int depth = 0) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
  if (depth > kMaxDepth) return;
  if (node->type == GUMBO_NODE_ELEMENT) {
    switch (node->v.element.tag) {
      case GUMBO_TAG_META:
        read_meta(node, page);
        break;
      case GUMBO_TAG_TITLE:
        if (page.title.empty()) page.title = text_of(node);
        break;
      case GUMBO_TAG_H1:
        if (page.h1.empty()) page.h1 = text_of(node);
        break;
      case GUMBO_TAG_ARTICLE:
        page.articles.push_back(node);
        break;
      case GUMBO_TAG_MAIN:
        if (!page.main) page.main = node;
        break;
      case GUMBO_TAG_LINK:
        if (lower(attribute(node, "rel")) == "canonical") page.canonical = attribute(node, "href");
        break;
      case GUMBO_TAG_TIME:
        if (page.time_datetime.empty()) page.time_datetime = attribute(node, "datetime");
        break;
      default:
        break;
    }
    if (!page.article_body && attribute(node, "itemprop") == "articleBody" && node->v.element.tag != GUMBO_TAG_META)
      page.article_body = node;
  }
  for (unsigned i = 0; i < children(node).length; ++i) scan(child(node, i), page, depth + 1);
}

std::vector<std::string> meta_values(const Page& page, const std::string& key) {
  std::vector<std::string> values;
  auto [begin, end] = page.meta.equal_range(key);
  for (auto it = begin; it != end; ++it)
    if (std::string v = collapse_whitespace(it->second); !v.empty()) values.push_back(v);
  return values;
}

// The first non-blank value, trimmed but with its line breaks kept (summaries
// have paragraphs).
std::string meta_value(const Page& page, const std::string& key) {
  auto [begin, end] = page.meta.equal_range(key);
  for (auto it = begin; it != end; ++it)
    if (std::string_view v = trim_whitespace(it->second); !v.empty()) return std::string(v);
  return "";
}

// ------------------------------------------------------------- charsets

// Browsers read these labels as windows-1252 (WHATWG encoding standard), and
// pages that declare latin-1 do use its extra characters (’ œ € «).
std::string charset_for_icu(const std::string& declared) {
  std::string label = lower(collapse_whitespace(declared));
  for (const char* alias : {"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "x-cp1252"})
    if (label == alias) return "windows-1252";
  return label;
}

std::optional<std::string> to_utf8(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open(charset.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status) || bytes.size() > INT32_MAX) return std::nullopt;
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  return text.toUTF8String(out);
}

// The page in UTF-8 when it was not already (empty `html` when it was), and
// the warning saying what was done. Bytes that are not UTF-8 under no
// declared charset, or under one ICU does not know, are taken as
// windows-1252, the commonest mistake.
struct Decoded {
  std::string html;
  std::string warning;
};

Decoded decode(std::string_view bytes, const std::string& declared) {
  std::string charset = charset_for_icu(declared);
  bool is_utf8 = find_invalid_utf8(bytes) == std::string_view::npos;
  if (charset.empty() || charset == "utf-8" || charset == "utf8") {
    if (is_utf8) return {};
    charset = "windows-1252";
  }
  std::optional<std::string> html = to_utf8(bytes, charset);
  if (!html && is_utf8) return {"", "unknown charset '" + declared + "': read as UTF-8"};
  if (!html) html = to_utf8(bytes, charset = "windows-1252");
  return {std::move(*html), "page converted from " + charset + " to UTF-8"};
}

// ----------------------------------------------------------------- body

template <size_t N>
bool contains(const GumboTag (&tags)[N], GumboTag tag) {
  return std::find(tags, tags + N, tag) != tags + N;
}

// Elements whose text is never the article's prose (h1 is its title).
bool is_excluded_tag(GumboTag tag) {
  static constexpr GumboTag kExcluded[] = {
      GUMBO_TAG_SCRIPT,     GUMBO_TAG_STYLE,  GUMBO_TAG_NOSCRIPT, GUMBO_TAG_NAV,    GUMBO_TAG_ASIDE,  GUMBO_TAG_FIGURE,
      GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FORM,   GUMBO_TAG_BUTTON,   GUMBO_TAG_IFRAME, GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,
      GUMBO_TAG_SVG,        GUMBO_TAG_MATH,   GUMBO_TAG_OBJECT,   GUMBO_TAG_EMBED,  GUMBO_TAG_VIDEO,  GUMBO_TAG_AUDIO,
      GUMBO_TAG_CANVAS,     GUMBO_TAG_SELECT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_MENU,   GUMBO_TAG_H1};
  return contains(kExcluded, tag);
}

// Words of class and id values that mark what surrounds the prose: embedded
// videos and tweets ("ms-embed"), the byline and date line ("date"), share
// buttons, ads, captions, related links.
bool is_boilerplate(const GumboNode* element) {
  static constexpr std::string_view kWords[] = {
      "ad",      "ads",       "advert",   "advertisement", "pub",     "publicite", "banner",    "share",     "sharing",
      "partage", "social",    "related",  "newsletter",    "caption", "credit",    "embed",     "comment",   "comments",
      "promo",   "sponsored", "outbrain", "taboola",       "byline",  "date",      "lireaussi", "breadcrumb"};
  std::string names = lower(attribute(element, "class") + " " + attribute(element, "id"));
  bool lire = false, aussi = false;
  size_t start = 0;
  while (start < names.size()) {
    size_t end = names.find_first_of(" \t\n-_", start);
    std::string_view word = std::string_view(names).substr(start, end - start);
    if (std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords)) return true;
    lire |= word == "lire";
    aussi |= word == "aussi";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return (lire && aussi) || gumbo_get_attribute(&element->v.element.attributes, "hidden");
}

bool is_block(GumboTag tag) {
  static constexpr GumboTag kBlocks[] = {
      GUMBO_TAG_P,       GUMBO_TAG_DIV,    GUMBO_TAG_BR,         GUMBO_TAG_LI,      GUMBO_TAG_UL,      GUMBO_TAG_OL,
      GUMBO_TAG_DL,      GUMBO_TAG_DT,     GUMBO_TAG_DD,         GUMBO_TAG_H2,      GUMBO_TAG_H3,      GUMBO_TAG_H4,
      GUMBO_TAG_H5,      GUMBO_TAG_H6,     GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN,
      GUMBO_TAG_TABLE,   GUMBO_TAG_TR,     GUMBO_TAG_TD,         GUMBO_TAG_TH,      GUMBO_TAG_PRE,     GUMBO_TAG_HR,
      GUMBO_TAG_ADDRESS, GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS,    GUMBO_TAG_SUMMARY};
  return contains(kBlocks, tag);
}

// "À lire aussi : ..." and the like, when they are written inline.
bool is_see_also(const std::string& paragraph) {
  std::string start = fold_text(paragraph.substr(0, 24));
  for (std::string_view lead : {"a lire aussi", "lire aussi", "a voir aussi", "voir aussi"})
    if (start.compare(0, lead.size(), lead) == 0) return true;
  return false;
}

// Paragraphs break at block elements and <br> (pages put whole articles in
// one <p> with <br><br> between paragraphs), and where something was cut out.
class BodyText {
 public:
  void add(const GumboNode* node, int depth = 0) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      current_ += node->v.text.text;
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;  // comments, templates
    GumboTag tag = node->v.element.tag;
    bool excluded = is_excluded_tag(tag) || is_boilerplate(node);
    if (!excluded && !is_block(tag)) return add_children(node, depth);
    end_paragraph();
    if (excluded) return;
    add_children(node, depth);
    end_paragraph();
  }

  std::string joined() && {
    end_paragraph();
    std::string body;
    for (const std::string& p : paragraphs_) body.append(body.empty() ? "" : "\n\n").append(p);
    return body;
  }

 private:
  void add_children(const GumboNode* node, int depth) {
    for (unsigned i = 0; i < children(node).length; ++i) add(child(node, i), depth + 1);
  }

  void end_paragraph() {
    std::string p = collapse_whitespace(current_);
    current_.clear();
    if (!p.empty() && !is_see_also(p)) paragraphs_.push_back(std::move(p));
  }

  std::vector<std::string> paragraphs_;
  std::string current_;
};

std::string body_of(const GumboNode* container) {
  BodyText text;
  text.add(container);
  return std::move(text).joined();
}

// itemprop=articleBody names the prose exactly. Pages also use <article> for
// teasers and comments, so the one with the most text is the article.
std::optional<std::string> find_body(const Page& page) {
  if (page.article_body) return body_of(page.article_body);
  std::optional<std::string> best;
  for (const GumboNode* article : page.articles)
    if (std::string body = body_of(article); !best || body.size() > best->size()) best = std::move(body);
  if (!best && page.main) best = body_of(page.main);
  return best;
}

// ------------------------------------------------------------- metadata

void read_date(const Page& page, Article& a, std::vector<std::string>& warnings) {
  const std::pair<std::string, std::string> candidates[] = {
      {"article:published_time", meta_value(page, "article:published_time")},
      {"schema.org datePublished", meta_value(page, "datepublished")},
      {"<time datetime>", page.time_datetime}};
  for (const auto& [where, text] : candidates) {
    if (text.empty()) continue;
    if (std::optional<Date> d = parse_date(text)) {
      a.date = *d;
      a.published = d->iso();
      return;
    }
    warnings.push_back("unparsable date '" + text + "' in " + where);
  }
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// The plain "author" meta is the byline the JSON Lines export of the same
// pages uses ("AFP"); article:author is often the journalist or a profile URL.
std::vector<std::string> read_authors(const Page& page) {
  std::vector<std::string> authors;
  for (const std::string& a : meta_values(page, "author")) add_unique(authors, a);
  if (authors.empty())
    for (const std::string& a : meta_values(page, "article:author"))
      if (a.compare(0, 4, "http") != 0) add_unique(authors, a);
  return authors;
}

std::vector<std::string> read_tags(const Page& page) {
  std::vector<std::string> tags;
  for (const std::string& t : meta_values(page, "article:tag")) add_unique(tags, t);
  for (const std::string& list : meta_values(page, "keywords")) {
    for (size_t start = 0; start <= list.size();) {
      size_t end = std::min(list.find(',', start), list.size());
      add_unique(tags, collapse_whitespace(std::string_view(list).substr(start, end - start)));
      start = end + 1;
    }
  }
  return tags;
}

std::string host_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  return lower(url.substr(start, url.find_first_of(":/?#", start) - start));
}

// The JSON Lines export names the source of all Orange pages (actu.orange.fr,
// auto.orange.fr) "orangesum"; both copies of an article should agree.
std::string source_of(const Page& page, const std::string& url) {
  std::string host = host_of(url);
  if (host == "orange.fr" || (host.size() > 10 && host.compare(host.size() - 10, 10, ".orange.fr") == 0))
    return "orangesum";
  std::string site = collapse_whitespace(meta_value(page, "og:site_name"));
  return site.empty() ? "html" : site;
}

Article read_metadata(const Page& page, const std::string& id, std::vector<std::string>& warnings) {
  Article a;
  a.id = id;
  a.title = collapse_whitespace(meta_value(page, "og:title"));
  if (a.title.empty()) a.title = !page.title.empty() ? page.title : page.h1;
  a.url = meta_value(page, "og:url");
  if (a.url.empty()) a.url = page.canonical;
  a.source = source_of(page, a.url);
  a.summary = meta_value(page, "og:description");
  if (a.summary.empty()) a.summary = meta_value(page, "description");
  a.section = collapse_whitespace(meta_value(page, "article:section"));
  a.tags = read_tags(page);
  a.authors = read_authors(page);
  read_date(page, a, warnings);
  return a;
}

}  // namespace

ImportRecord parse_html_article(std::string_view html, const std::string& id, const SourceLocation& where) {
  ImportRecord record;
  record.where = where;
  GumboTree tree = parse_tree(html);
  Page page;
  scan(tree->document, page);
  // The charset is declared inside the page, so it is known only once the
  // page is parsed; a converted page is parsed again.
  Decoded decoded = decode(html, page.charset);
  if (!decoded.warning.empty()) record.warnings.push_back(decoded.warning);
  if (!decoded.html.empty()) {
    tree = parse_tree(decoded.html);
    page = Page();
    scan(tree->document, page);
  }
  std::optional<std::string> body = find_body(page);
  if (!body) {
    record.problem =
        Problem{"no_article_element", "no article element (no <article>, itemprop=articleBody or <main>)", ""};
    return record;
  }
  Article a = read_metadata(page, id, record.warnings);
  a.body = std::move(*body);
  if (Status problem = prepare_article(a)) {
    record.problem = problem;
    return record;
  }
  record.article = std::move(a);
  return record;
}

void import_html_file(const std::string& path, const RecordSink& sink, StageTimes* times) {
  import_whole_file(path, &parse_html_article, sink, times);
}

}  // namespace gazette
