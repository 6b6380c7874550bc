// The HTML importer on the real Orange Actu pages of the shared corpus,
// compared with the JSON Lines copies of the same articles, and on broken or
// unusual pages written by the tests.
#include "indexer/html_importer.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "common/text_folding.h"
#include "corpus_fixture.h"
#include "indexer/jsonl_importer.h"
#include "test_paths.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;

std::vector<ImportRecord> import_file(const std::string& path) {
  std::vector<ImportRecord> records;
  import_html_file(path, [&](ImportRecord&& r) { records.push_back(std::move(r)); });
  return records;
}

ImportRecord parse(const std::string& html) { return parse_html_article(html, "p-1", {"p-1.html", 0}); }

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string html_path(const std::string& id) { return corpus_dir() + "/html/" + id + ".html"; }

// The JSON copies of the articles in `ids`. The file unpacks to 126 MB, so
// only the lines of those ids are parsed.
std::map<std::string, Article> json_copies(const std::set<std::string>& ids) {
  std::map<std::string, Article> found;
  gzFile file = gzopen((corpus_dir() + "/orangesum.jsonl.gz").c_str(), "rb");
  if (!file) return found;
  const std::string prefix = "{\"id\": \"";
  std::string line;
  char chunk[1 << 16];
  while (gzgets(file, chunk, sizeof chunk)) {
    line += chunk;
    if (line.back() != '\n' && !gzeof(file)) continue;  // the rest of a long line
    if (line.compare(0, prefix.size(), prefix) == 0) {
      std::string id = line.substr(prefix.size(), line.find('"', prefix.size()) - prefix.size());
      if (ids.count(id)) {
        ImportRecord r = parse_jsonl_line(line, {"orangesum.jsonl.gz", 0});
        if (r.article) found.emplace(id, std::move(*r.article));
      }
    }
    line.clear();
  }
  gzclose(file);
  return found;
}

std::vector<std::string> paragraphs(const std::string& body) {
  std::vector<std::string> list;
  for (size_t start = 0; start < body.size();) {
    size_t end = std::min(body.find("\n\n", start), body.size());
    list.push_back(body.substr(start, end - start));
    start = end + 2;
  }
  return list;
}

// The share of the paragraphs of `expected` that `body` contains.
double paragraph_recall(const std::string& expected, const std::string& body) {
  std::vector<std::string> wanted = paragraphs(expected);
  if (wanted.empty()) return 1;
  size_t found = 0;
  for (const std::string& p : wanted) found += body.find(p) != std::string::npos;
  return static_cast<double>(found) / wanted.size();
}

// What the page around the prose leaves behind when it leaks into the body.
void expect_clean_body(const std::string& body) {
  for (const char* script : {"window.", "function(", "$(document)", "new Pvp(", "utag"})
    EXPECT_EQ(body.find(script), std::string::npos) << script;
  EXPECT_EQ(fold_text(body).find("lire aussi"), std::string::npos);
  EXPECT_EQ(paragraphs(body).at(0).find(", publié le "), std::string::npos) << "the byline";
  EXPECT_EQ(body.find("\n\n\n"), std::string::npos);
}

// Pages chosen for their variety: embedded videos and tweets, lists,
// journalist bylines, tags, a JSON copy that stops early.
const char* const kComparedPages[] = {"CNT0000016MmpL", "CNT000001q1N5p", "CNT000001gP66F",
                                      "CNT000001qKmmn", "CNT000000V0wet", "CNT000001lguTb"};

TEST(HtmlImporter, RealPagesMatchTheirJsonCopies) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  std::map<std::string, Article> json = json_copies({std::begin(kComparedPages), std::end(kComparedPages)});
  for (const char* id : kComparedPages) {
    SCOPED_TRACE(id);
    auto records = import_file(html_path(id));
    ASSERT_EQ(records.size(), 1u);
    ASSERT_TRUE(records[0].article) << records[0].problem_message();
    EXPECT_TRUE(records[0].warnings.empty());
    ASSERT_EQ(json.count(id), 1u);
    const Article& page = *records[0].article;
    const Article& copy = json.at(id);
    EXPECT_EQ(page.id, id);
    EXPECT_EQ(page.title, copy.title);
    EXPECT_EQ(page.date.compact(), copy.date.compact());
    EXPECT_EQ(page.published, copy.published);
    EXPECT_EQ(page.section, copy.section);
    EXPECT_EQ(page.source, copy.source);
    EXPECT_EQ(page.url, copy.url);
    EXPECT_EQ(page.tags, copy.tags);
    EXPECT_EQ(page.authors, copy.authors);
    EXPECT_EQ(page.summary, copy.summary);
    expect_clean_body(page.body);
    EXPECT_GE(paragraph_recall(copy.body, page.body), 0.8);
  }
}

TEST(HtmlImporter, EveryCorpusPageIsReadAndCoversItsJsonBody) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  std::map<std::string, Article> pages;
  for (const auto& entry : fs::directory_iterator(corpus_dir() + "/html")) {
    auto records = import_file(entry.path().string());
    ASSERT_EQ(records.size(), 1u);
    ASSERT_TRUE(records[0].article) << entry.path() << ": " << records[0].problem_message();
    EXPECT_TRUE(records[0].warnings.empty()) << entry.path();
    pages.emplace(records[0].article->id, *records[0].article);
  }
  ASSERT_EQ(pages.size(), 150u);
  std::set<std::string> ids;
  for (const auto& [id, article] : pages) ids.insert(id);
  std::map<std::string, Article> json = json_copies(ids);
  ASSERT_EQ(json.size(), pages.size());
  double recall_sum = 0;
  size_t same_title = 0, same_day = 0, body_prefix = 0;
  for (const auto& [id, page] : pages) {
    SCOPED_TRACE(id);
    const Article& copy = json.at(id);
    expect_clean_body(page.body);
    double recall = paragraph_recall(copy.body, page.body);
    EXPECT_GE(recall, 0.8);
    recall_sum += recall;
    same_title += page.title == copy.title;
    same_day += page.date.compact() == copy.date.compact();
    body_prefix += page.body.compare(0, copy.body.size(), copy.body) == 0;
  }
  std::cout << "[ stats    ] " << pages.size() << " pages: mean paragraph recall " << recall_sum / pages.size()
            << ", same title " << same_title << ", same day " << same_day << ", JSON body is the start of the page's "
            << body_prefix << "\n";
  EXPECT_GE(recall_sum / pages.size(), 0.95);
  EXPECT_EQ(same_title, pages.size());
  EXPECT_EQ(same_day, pages.size());
}

TEST(HtmlImporter, TruncatedRealPageKeepsWhatWasRead) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  std::string html = read_bytes(html_path("CNT0000016MmpL"));
  size_t cut = html.rfind("Le convoi a ensuite");  // in the body, not the description
  ASSERT_NE(cut, std::string::npos);
  ImportRecord r = parse(html.substr(0, cut + 19));
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_EQ(r.article->title,
            "Affaire Maëlys : un nouveau lieu désigné par Nordahl Lelandais lors de la "
            "reconstitution");
  EXPECT_NE(r.article->body.find("Les parents de Maëlys"), std::string::npos);
  EXPECT_EQ(r.article->body.substr(r.article->body.size() - 19), "Le convoi a ensuite");

  ImportRecord head_only = parse(html.substr(0, html.find("<body")));
  EXPECT_FALSE(head_only.article);
  EXPECT_EQ(head_only.problem_message(), "no article element (no <article>, itemprop=articleBody or <main>)");
}

TEST(HtmlImporter, TruncatedPagesAreReadOrRejected) {
  ImportRecord cut_in_body = parse(
      "<html><head><meta property='og:title' content='Titre'></head><body><article>"
      "<p>Premier paragraphe.</p><p>Deuxi");
  ASSERT_TRUE(cut_in_body.article) << cut_in_body.problem_message();
  EXPECT_EQ(cut_in_body.article->body, "Premier paragraphe.\n\nDeuxi");

  ImportRecord cut_in_head = parse("<html><head><meta property=\"og:ti");
  EXPECT_FALSE(cut_in_head.article);
  EXPECT_EQ(cut_in_head.problem_message(), "no article element (no <article>, itemprop=articleBody or <main>)");
}

TEST(HtmlImporter, PageWithoutArticleIsRejected) {
  ImportRecord r = parse(
      "<html><head><title>Titre</title></head><body><div><p>Texte</p></div>"
      "</body></html>");
  EXPECT_FALSE(r.article);
  EXPECT_EQ(r.problem_message(), "no article element (no <article>, itemprop=articleBody or <main>)");
}

TEST(HtmlImporter, MainIsTheLastResort) {
  ImportRecord r = parse(
      "<html><head><title>Titre de l'onglet</title></head><body>"
      "<nav>Accueil</nav><main><h1>Titre</h1><p>Un.</p><p>Deux.</p></main>"
      "</body></html>");
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_EQ(r.article->title, "Titre de l'onglet");
  EXPECT_EQ(r.article->body, "Un.\n\nDeux.");
  EXPECT_EQ(r.article->source, "html");
}

TEST(HtmlImporter, MissingTitleOrBodyIsRejected) {
  ImportRecord no_title = parse("<html><body><article><p>Texte</p></article></body></html>");
  EXPECT_FALSE(no_title.article);
  EXPECT_EQ(no_title.problem_message(), "missing title");

  ImportRecord no_body = parse(
      "<html><head><title>T</title></head><body><article>"
      "<script>var x = 1;</script></article></body></html>");
  EXPECT_FALSE(no_body.article);
  EXPECT_EQ(no_body.problem_message(), "missing body");
}

TEST(HtmlImporter, OnlyTheProseIsKept) {
  ImportRecord r = parse(R"(<html><head><title>T</title></head><body>
    <article>
      <header><h1>Le titre</h1><p>Par la rédaction</p></header>
      <h1>Le titre encore</h1>
      <p class="date">Orange avec AFP, publié le mardi 25 septembre 2018 à 08h05</p>
      <figure><img src="x.jpg"><figcaption>Une photo. © AFP</figcaption></figure>
      <p>Premier   paragraphe,
         sur deux lignes&nbsp;: <strong>gras</strong> et <a href="#">lien</a>.</p>
      <script>window.dataLayer = [];</script><style>p { color: red }</style>
      <div class="sticky-lire-aussi"><span>A lire aussi</span><a>Autre article</a></div>
      <aside>Encadré</aside><nav>Menu</nav><form><button>Partager</button></form>
      <div class="share-buttons">Facebook Twitter</div><div class="ad">Publicité</div>
      <div class="ms-embed twitter"><iframe src="t"></iframe><p>Tweet cité</p></div>
      <p>À lire aussi : <a>un autre article</a></p>
      <p>Intertitre<br><br>Deuxième paragraphe.<br>Troisième.</p>
      Texte hors paragraphe.
      <footer>Tous droits réservés</footer>
    </article></body></html>)");
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_EQ(r.article->body,
            "Premier paragraphe, sur deux lignes : gras et lien.\n\nIntertitre\n\n"
            "Deuxième paragraphe.\n\nTroisième.\n\nTexte hors paragraphe.");
}

TEST(HtmlImporter, ArticleBodyIsPreferredThenTheLongestArticle) {
  ImportRecord body = parse(
      "<html><head><title>T</title></head><body><article><p>Chapô</p>"
      "<div itemprop=\"articleBody\"><p>Le corps.</p></div></article>"
      "</body></html>");
  ASSERT_TRUE(body.article) << body.problem_message();
  EXPECT_EQ(body.article->body, "Le corps.");

  ImportRecord longest = parse(
      "<html><head><title>T</title></head><body>"
      "<article><p>Article voisin.</p></article>"
      "<article><p>Le vrai article, plus long.</p></article>"
      "</body></html>");
  ASSERT_TRUE(longest.article) << longest.problem_message();
  EXPECT_EQ(longest.article->body, "Le vrai article, plus long.");
}

TEST(HtmlImporter, ReadsOpenGraphAndArticleMetadata) {
  ImportRecord r = parse(R"(<html><head>
    <meta property="og:title" content="  Titre OpenGraph ">
    <title>Titre de l'onglet</title>
    <meta property="og:site_name" content="Le Journal">
    <link rel="canonical" href="https://journal.example/a/1">
    <meta property="og:description" content="Le chapô.">
    <meta property="article:published_time" content="2022-03-01T18:00:02+01:00">
    <meta property="article:section" content="Politique">
    <meta property="article:tag" content="Élections"><meta property="article:tag" content="Sénat">
    <meta name="keywords" content="Sénat, vote ,">
    <meta property="article:author" content="https://facebook.com/journal">
    <meta property="article:author" content="Jeanne Dupont">
    </head><body><article><p>Texte.</p></article></body></html>)");
  ASSERT_TRUE(r.article) << r.problem_message();
  const Article& a = *r.article;
  EXPECT_EQ(a.title, "Titre OpenGraph");
  EXPECT_EQ(a.source, "Le Journal");
  EXPECT_EQ(a.url, "https://journal.example/a/1");
  EXPECT_EQ(a.summary, "Le chapô.");
  EXPECT_EQ(a.published, "2022-03-01T18:00:02+01:00");
  EXPECT_EQ(a.date.compact(), "20220301");
  EXPECT_EQ(a.section, "Politique");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Élections", "Sénat", "vote"}));
  EXPECT_EQ(a.authors, std::vector<std::string>{"Jeanne Dupont"});
  EXPECT_TRUE(r.warnings.empty());
}

TEST(HtmlImporter, UnparsableDateIsAWarning) {
  ImportRecord r = parse(
      "<html><head><title>T</title>"
      "<meta property=\"article:published_time\" content=\"hier soir\">"
      "</head><body><article><p>Texte.</p></article></body></html>");
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_FALSE(r.article->date.valid());
  EXPECT_TRUE(r.article->published.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "unparsable date 'hier soir' in article:published_time");

  ImportRecord fallback = parse(
      "<html><head><title>T</title><meta property=\"article:published_time\" content=\"?\">"
      "</head><body><article><meta itemprop=\"datePublished\" content=\"2018-09-25\">"
      "<p>Texte.</p></article></body></html>");
  ASSERT_TRUE(fallback.article) << fallback.problem_message();
  EXPECT_EQ(fallback.article->published, "2018-09-25");
  EXPECT_EQ(fallback.warnings.size(), 1u);

  ImportRecord time = parse(
      "<html><head><title>T</title></head><body><article>"
      "<time datetime=\"2024-09-14\">14 septembre</time><p>Texte.</p>"
      "</article></body></html>");
  ASSERT_TRUE(time.article) << time.problem_message();
  EXPECT_EQ(time.article->published, "2024-09-14");
}

TEST(HtmlImporter, Windows1252PagesAreConverted) {
  const std::string body =
      "<body><article><p>Caf\xE9 cr\xE8me \x93\xE0 l'\x9C"
      "uf\x94</p>"
      "</article></body></html>";
  for (const std::string& head : {std::string("<html><head><meta charset=\"windows-1252\"><title>L'\xE9t\xE9</title>"),
                                  std::string("<html><head><meta http-equiv=\"Content-Type\" "
                                              "content=\"text/html; charset=ISO-8859-1\"><title>L'\xE9t\xE9</title>"),
                                  std::string("<html><head><title>L'\xE9t\xE9</title>")}) {
    SCOPED_TRACE(head);
    ImportRecord r = parse(head + "</head>" + body);
    ASSERT_TRUE(r.article) << r.problem_message();
    EXPECT_EQ(r.article->title, "L'été");
    EXPECT_EQ(r.article->body, "Café crème “à l'œuf”");
    EXPECT_EQ(r.warnings, std::vector<std::string>{"page converted from windows-1252 to UTF-8"});
  }
}

TEST(HtmlImporter, UnreadableFilesAreReported) {
  std::string dir = test::temp_dir("html-unreadable");
  auto missing = import_file(dir + "/absent.html");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_FALSE(missing[0].article);
  EXPECT_EQ(missing[0].problem_message(), "cannot read: No such file or directory");
  EXPECT_EQ(missing[0].where.file, dir + "/absent.html");

  auto folder = import_file(dir);
  ASSERT_EQ(folder.size(), 1u);
  EXPECT_EQ(folder[0].problem_message(), "cannot read: Is a directory");
}

TEST(HtmlImporter, IdIsTheFileName) {
  std::string path = test::temp_dir("html-id") + "/CNT-42.html";
  std::ofstream(path) << "<title>T</title><article><p>Texte.</p></article>";
  auto records = import_file(path);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].article) << records[0].problem_message();
  EXPECT_EQ(records[0].article->id, "CNT-42");
  EXPECT_EQ(records[0].where.file, path);
}

}  // namespace
}  // namespace gazette
