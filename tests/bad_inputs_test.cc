// A catalogue of bad inputs for the importers and the input planner: each
// must give a record that names the problem (or a warning), never a crash,
// and must not stop the lines after it from being read. Cases already in
// jsonl_importer_test.cc, html_importer_test.cc and text_importer_test.cc
// are not repeated here.
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "corpus_fixture.h"
#include "indexer/html_importer.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "indexer/jsonl_importer.h"
#include "indexer/text_importer.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;

using Records = std::vector<ImportRecord>;

std::string write_file(const std::string& name, const std::string& bytes) {
  std::string path = test::temp_dir("bad-" + name) + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string gzip(const std::string& bytes) {
  std::string path = test::temp_dir("gzip") + "/x.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(gz);
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

template <typename Import>
Records import_with(Import importer, const std::string& path) {
  Records records;
  // Through a function pointer: the importers' default arguments must be given.
  importer(
      path, [&](ImportRecord&& r) { records.push_back(std::move(r)); }, nullptr);
  return records;
}
Records jsonl(const std::string& path) { return import_with(import_jsonl_file, path); }

// A literal with its NUL bytes.
template <size_t N>
std::string bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

ImportRecord line(const std::string& json) { return parse_jsonl_line(json, {"t.jsonl", 1}); }

std::string article_line(const std::string& id, const std::string& extra = "") {
  return R"({"id": ")" + id + R"(", "title": "Titre", "body": "Un texte.")" + extra + "}";
}

// ------------------------------------------------------------ gzip streams

TEST(BadGzip, CutInsideTheHeader) {
  Records r = jsonl(write_file("header.jsonl.gz", gzip(article_line("h-1")).substr(0, 5)));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_FALSE(r[0].article);
  EXPECT_NE(r[0].problem_message().find("read error after line 0 (truncated or corrupt file?)"), std::string::npos)
      << r[0].problem_message();
}

// zlib's gzread drops what it decoded in the call that meets the error, so
// the lines of the last 64 KB read before the damage are lost, and the error
// record names the last line that was read.
TEST(BadGzip, CorruptBytesInTheMiddleKeepTheLinesBefore) {
  std::string lines;
  for (int i = 0; i < 20000; ++i)
    lines += article_line("c-" + std::to_string(i), R"(, "n": ")" + std::to_string(i * 7919u % 104729) + "\"") + "\n";
  std::string gz = gzip(lines);
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  Records r = jsonl(write_file("corrupt.jsonl.gz", gz));
  ASSERT_GE(r.size(), 2u);
  EXPECT_TRUE(r.front().article) << r.front().problem_message();
  EXPECT_FALSE(r.back().article);
  EXPECT_NE(r.back().problem_message().find("truncated or corrupt"), std::string::npos) << r.back().problem_message();
}

TEST(BadGzip, WrongChecksumIsReported) {
  std::string gz = gzip(article_line("k-1") + "\n" + article_line("k-2") + "\n");
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 1);  // the CRC-32 of the trailer
  Records r = jsonl(write_file("crc.jsonl.gz", gz));
  ASSERT_FALSE(r.empty());
  // Both lines came in the read that met the bad checksum: none is kept.
  EXPECT_EQ(r.size(), 1u);
  EXPECT_NE(r.back().problem_message().find("read error after line 0 (truncated or corrupt file?): "),
            std::string::npos);
  EXPECT_NE(r.back().problem_message().find("incorrect data check"), std::string::npos) << r.back().problem_message();
}

TEST(BadGzip, EmptyCompressedFileGivesNothing) { EXPECT_TRUE(jsonl(write_file("empty.jsonl.gz", gzip(""))).empty()); }

// ------------------------------------------------------- encodings, bytes

TEST(BadBytes, ByteOrderMarksInsideAConcatenatedFile) {
  // Two exports joined with cat: the second one's BOM starts line 2.
  Records r = jsonl(
      write_file("bom.jsonl", "\xEF\xBB\xBF" + article_line("b-1") + "\n\xEF\xBB\xBF" + article_line("b-2") + "\n"));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r[0].article) << r[0].problem_message();
  EXPECT_TRUE(r[1].article) << r[1].problem_message();
}

TEST(BadBytes, Utf16FileIsMalformedJsonNotACrash) {
  std::string utf16 = "\xFF\xFE";
  for (char c : article_line("u-1")) utf16 += std::string(1, c) + '\0';
  Records r = jsonl(write_file("utf16.jsonl", utf16 + "\n"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].problem_message().find("malformed JSON at column 4: NUL byte"), std::string::npos)
      << r[0].problem_message();
}

TEST(BadBytes, CrLfEverywhereAndLoneCarriageReturns) {
  Records crlf = jsonl(write_file("crlf.jsonl", article_line("r-1") + "\r\n\r\n" + article_line("r-3") + "\r\n"));
  ASSERT_EQ(crlf.size(), 2u);
  EXPECT_TRUE(crlf[1].article);
  EXPECT_EQ(crlf[1].where.line, 3u) << "the blank CRLF line still counts";
  // Old Mac line ends: the whole file is one line, and JSON says where.
  Records cr = jsonl(write_file("cr.jsonl", article_line("r-1") + "\r" + article_line("r-2") + "\r"));
  ASSERT_EQ(cr.size(), 1u);
  EXPECT_NE(cr[0].problem_message().find("malformed JSON at column 54"), std::string::npos) << cr[0].problem_message();
}

TEST(BadBytes, NulBytes) {
  // A raw NUL outside a string is not JSON (nlohmann's parser would take it
  // for the end of the input and ignore the rest); an escaped one is text.
  EXPECT_EQ(line(article_line("n-1") + bytes("\0{\"id\": \"lost\"}")).problem_message(),
            "malformed JSON at column 53: NUL byte");
  EXPECT_EQ(line(bytes("\0")).problem_message(), "malformed JSON at column 1: NUL byte");
  ImportRecord escaped = line(R"({"id": "n-2", "title": "nul\u0000", "body": "b"})");
  ASSERT_TRUE(escaped.article) << escaped.problem_message();
  EXPECT_EQ(escaped.article->title, std::string("nul\0", 4));
  ImportRecord text = parse_text_article(bytes("Titre\0\n\nCorps\0 du texte.\n"), "t", {"t.txt", 0});
  EXPECT_TRUE(text.article) << text.problem_message();
  ImportRecord html = parse_html_article(bytes("<title>T</title><article><p>A\0B</p></article>"), "h", {"h.html", 0});
  ASSERT_TRUE(html.article) << html.problem_message();
  EXPECT_EQ(html.article->body.find('\0'), std::string::npos) << "gumbo replaces NUL";
}

TEST(BadBytes, LoneSurrogateEscapeIsMalformed) {
  ImportRecord r = line(R"({"id": "s-1", "title": "\ud800", "body": "b"})");
  EXPECT_NE(r.problem_message().find("malformed JSON at column 31"), std::string::npos) << r.problem_message();
}

// --------------------------------------------------------- size and depth

TEST(BadSize, TenMegabyteLineIsReadAndSoIsTheNext) {
  std::string big = article_line("big-1", R"(, "summary": ")" + std::string(10u << 20, 'a') + "\"");
  Records r = jsonl(write_file("big.jsonl", big + "\n" + article_line("big-2") + "\n"));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r[0].article) << r[0].problem_message();
  EXPECT_TRUE(r[1].article) << r[1].problem_message();
}

TEST(BadSize, LineOverTheLimitIsSkippedUnparsed) {
  std::string huge(kMaxJsonLineBytes + 1, ' ');
  Records r = jsonl(write_file("huge.jsonl", huge + "\n" + article_line("after") + "\n"));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].problem_message(), "line longer than 32 MiB");
  EXPECT_TRUE(r[1].article);
  EXPECT_EQ(r[1].where.line, 2u);
}

TEST(BadSize, HundredThousandNestedArraysDoNotCrash) {
  const size_t depth = 100000;
  std::string nested = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_EQ(line(nested).problem_message(), "expected a JSON object, found array");
  ImportRecord inside = line(article_line("deep", R"(, "extra": )" + nested));
  EXPECT_TRUE(inside.article) << "unknown fields are ignored, however deep: " << inside.problem_message();
  EXPECT_NE(line(std::string(depth, '[')).problem_message().find("malformed JSON"), std::string::npos);
  std::string objects;
  for (size_t i = 0; i < depth; ++i) objects += "{\"a\":";
  EXPECT_NE(line(objects + "1" + std::string(depth, '}')).problem_message().find("missing id"), std::string::npos);
}

TEST(BadSize, NumberTooLargeForADouble) {
  // Found by jsonl_fuzz: nlohmann throws out_of_range, not parse_error.
  EXPECT_EQ(line(article_line("o-1", R"(, "score": 1e999)")).problem_message(),
            "malformed JSON: number overflow parsing '1e999'");
}

TEST(BadSize, IdOverTwoHundredBytes) {
  std::string id(201, 'x');
  EXPECT_EQ(line(article_line(id)).problem_message(), "id longer than 200 bytes (id " + id + ")");
}

// ----------------------------------------------------------- wrong types

TEST(BadTypes, EachFieldNamesItsExpectedType) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"id": "w", "title": 42, "body": "b"})", "field 'title' must be a string, not number"},
      {R"({"id": "w", "title": "t", "body": ["b"]})", "field 'body' must be a string, not array"},
      {R"({"id": "w", "title": "t", "body": {"text": "b"}})", "field 'body' must be a string, not object"},
      {R"({"id": "w", "title": "t", "body": "b", "tags": [{"a": 1}]})",
       "field 'tags' must hold only strings, found object"},
      {R"({"id": "w", "title": "t", "body": "b", "authors": [null]})",
       "field 'authors' must hold only strings, found null"},
      {R"({"id": "w", "title": "t", "body": "b", "truncated": "yes"})",
       "field 'truncated' must be a boolean, not string"},
      {R"({"id": "w", "title": "t", "body": "b", "published": 20220301})",
       "field 'published' must be a string, not number"},
      {R"({"id": true, "title": "t", "body": "b"})", "field 'id' must be a string, not boolean"},
      {R"({"id": "w", "title": "   ", "body": "b"})", "missing title (id w)"},
      {R"("juste une chaîne")", "expected a JSON object, found string"},
  };
  for (const auto& [json, problem] : cases) EXPECT_EQ(line(json).problem_message(), problem) << json;
  // null is an absent field, not a wrong type.
  EXPECT_TRUE(line(R"({"id": "w", "title": "t", "body": "b", "section": null})").article);
}

// ------------------------------------------------------------------ dates

TEST(BadDates, OutOfRangeOrOddFormsAreWarningsAndTheArticleIsKept) {
  for (const std::string date :
       {"0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01", "2022-02-30", "2022-13-01", "2022-03-01T25:00:00Z",
        "2022-03-01T10:00:00+25:00", "1646154002", "mardi 32 mars 2022", "2022/03/01", "01-03-22"}) {
    ImportRecord r = line(article_line("d", R"(, "published": ")" + date + "\""));
    ASSERT_TRUE(r.article) << date << ": " << r.problem_message();
    EXPECT_FALSE(r.article->date.valid()) << date;
    EXPECT_TRUE(r.article->published.empty()) << date;
    ASSERT_EQ(r.warnings.size(), 1u) << date;
    EXPECT_EQ(r.warnings[0], "unparsable date '" + date + "' in 'published': kept without a date");
  }
  // Odd but readable forms are normalised.
  EXPECT_EQ(line(article_line("d", R"(, "published": "  2022-03-01 10:00 ")")).article->published,
            "2022-03-01T10:00:00+00:00");
  EXPECT_EQ(line(article_line("d", R"(, "published": "1er mars 2022")")).article->published, "2022-03-01");
  EXPECT_EQ(line(article_line("d", R"(, "published": "2100-12-31")")).article->published, "2100-12-31");
}

// ------------------------------------------------------------------- HTML

TEST(BadHtml, BinaryFileNamedHtml) {
  std::string png = "\x89PNG\r\n\x1a\n";
  png += bytes("\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89");
  ImportRecord r = parse_html_article(png, "img", {"img.html", 0});
  EXPECT_EQ(r.problem_message(), "no article element (no <article>, itemprop=articleBody or <main>)");
}

TEST(BadHtml, EmptyFile) {
  Records r = import_with(import_html_file, write_file("empty.html", ""));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].problem_message(), "no article element (no <article>, itemprop=articleBody or <main>)");
}

TEST(BadHtml, ByteOrderMarkAndCrLf) {
  ImportRecord r = parse_html_article(
      "\xEF\xBB\xBF<html><head><title>L’été\r\n</title></head>\r\n<body><article>\r\n"
      "<p>Un\r\nparagraphe.</p>\r\n</article></body></html>\r\n",
      "b", {"b.html", 0});
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_EQ(r.article->title, "L’été");
  EXPECT_EQ(r.article->body, "Un paragraphe.");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(BadHtml, DeclaredUtf8ButWindows1252Bytes) {
  ImportRecord r = parse_html_article(
      "<meta charset=utf-8><title>L'\xE9t\xE9</title><article><p>Caf\xE9.</p></article>", "w", {"w.html", 0});
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_EQ(r.article->title, "L'été");
  EXPECT_EQ(r.warnings, std::vector<std::string>{"page converted from windows-1252 to UTF-8"});
}

TEST(BadHtml, UnknownCharsetOnUtf8Page) {
  ImportRecord r = parse_html_article("<meta charset=x-klingon><title>Été</title><article><p>Texte.</p></article>", "k",
                                      {"k.html", 0});
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_EQ(r.article->title, "Été");
  EXPECT_EQ(r.warnings, std::vector<std::string>{"unknown charset 'x-klingon': read as UTF-8"});
}

TEST(BadHtml, ArticleHiddenInATemplateDoesNotCount) {
  ImportRecord r =
      parse_html_article("<title>T</title><template><article><p>Texte.</p></article></template>", "t", {"t.html", 0});
  EXPECT_FALSE(r.article);
  EXPECT_FALSE(r.problem_message().empty());
}

// Gumbo's tree builder is quadratic in the nesting depth (100,000 nested
// <div> take minutes), so this stays at a depth it parses in well under a
// second; the importer's own walks stop at 512 levels.
TEST(BadHtml, FiveThousandNestedElements) {
  std::string page = "<title>T</title><article>";
  for (int i = 0; i < 5000; ++i) page += "<div>";
  page += "profond</article><article><p>Texte.</p></article>";
  ImportRecord r = parse_html_article(page, "n", {"n.html", 0});
  ASSERT_TRUE(r.article) << r.problem_message();
}

// ----------------------------------------------------- unreadable inputs

TEST(BadFiles, PermissionDenied) {
  std::string path = write_file("secret.jsonl", article_line("p-1") + "\n");
  chmod(path.c_str(), 0);
  if (access(path.c_str(), R_OK) == 0)
    GTEST_SKIP() << "running as root: chmod 000 does not stop this process from reading " << path;
  Records r = jsonl(path);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].problem_message(), "cannot read: Permission denied");
  Records html = import_with(import_html_file, path);
  EXPECT_EQ(html.at(0).problem_message(), "cannot read: Permission denied");
  Records text = import_with(import_text_file, path);
  EXPECT_EQ(text.at(0).problem_message(), "cannot read: Permission denied");
}

TEST(BadFiles, SymlinkLoopsInAFolderEndTheWalk) {
  std::string dir = test::temp_dir("loops");
  fs::create_directories(dir + "/sub");
  std::ofstream(dir + "/sub/a.jsonl") << article_line("l-1") << "\n";
  fs::create_directory_symlink(dir, dir + "/sub/up");        // a loop through the parent
  fs::create_symlink(dir + "/self.txt", dir + "/self.txt");  // a link to itself
  fs::create_symlink(dir + "/absent.html", dir + "/dangling.html");
  InputPlan plan = plan_inputs({dir});
  ASSERT_EQ(plan.files.size(), 1u);
  EXPECT_EQ(plan.files[0].path, dir + "/sub/a.jsonl");
  ASSERT_EQ(plan.problems.size(), 2u);
  std::map<std::string, std::string> problems;
  for (const auto& p : plan.problems) problems[p.where.file] = p.problem_message();
  EXPECT_EQ(problems[dir + "/self.txt"], "Too many levels of symbolic links");
  EXPECT_EQ(problems[dir + "/dangling.html"], "No such file or directory");
  // Named directly, the loop is an input that cannot be read.
  InputPlan direct = plan_inputs({dir + "/self.txt"});
  ASSERT_EQ(direct.problems.size(), 1u);
  EXPECT_EQ(direct.problems[0].problem_message(), "cannot read: Too many levels of symbolic links");
}

// ------------------------------------------------------------- duplicates

TEST(BadDuplicates, SameIdTwiceInOneFileKeepsTheFirst) {
  std::string path = write_file("dups.jsonl", article_line("dup-1") + "\n" + article_line("other") + "\n" +
                                                  R"({"id": "dup-1", "title": "Autre titre", "body": "Autre texte."})"
                                                  "\n");
  std::vector<std::string> reports;
  IndexWriter writer(test::temp_dir("dups-db") + "/db", IndexOptions{},
                     [&](const Report& r) { reports.push_back(r.line); });
  import_jsonl_file(path, [&](ImportRecord&& r) { writer.add(std::move(r)); });
  ImportSummary summary = writer.finish();
  EXPECT_EQ(summary.duplicates, 1u);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0], path + ":3: skipped: duplicate id dup-1, already imported from " + path + ":1");
}

}  // namespace
}  // namespace gazette
