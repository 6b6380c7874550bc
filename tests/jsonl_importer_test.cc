// The JSON Lines importer on the real corpus files (the committed Wikinews
// fixture, and Le Monde from the shared corpus) and on broken input.
#include <zlib.h>

#include <fstream>

#include <gtest/gtest.h>

#include "corpus_fixture.h"
#include "indexer/jsonl_importer.h"

namespace gazette {
namespace {

std::vector<ImportRecord> import_file(const std::string& path) {
  std::vector<ImportRecord> records;
  import_jsonl_file(path, [&](ImportRecord&& r) { records.push_back(std::move(r)); });
  return records;
}

std::string write_file(const std::string& name, const std::string& bytes) {
  std::string path = test::temp_dir("jsonl") + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

const char kGood[] =
    R"({"id": "t-1", "title": "L’école", "body": "Les écoles rouvrent.", "published": "2022-03-01T18:00:02+01:00", "tags": ["éducation"], "extra": 1})";

TEST(JsonlImporter, ReadsTheWikinewsFile) {
  // The committed fixture is the shared corpus's Wikinews file, unchanged.
  auto records = import_file(test_data_dir() + "/wikinews.jsonl");
  ASSERT_EQ(records.size(), 100u);
  size_t ok = 0;
  for (const auto& r : records) ok += r.article.has_value();
  EXPECT_EQ(ok, 100u);
  const Article& first = *records[0].article;
  EXPECT_EQ(first.id, "wn-43971");
  EXPECT_EQ(first.title, "États-Unis : Lancement réussi pour Space X Dragon");
  EXPECT_EQ(first.date.compact(), "20120522");
  EXPECT_EQ(first.source, "wikinews");
  EXPECT_EQ(records[0].where.line, 1u);
}

TEST(JsonlImporter, ReadsGzipAndKeepsOptionalFields) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  ASSERT_GT(slice.articles.size(), 6000u);
  const Article& lm = slice.articles[0];
  EXPECT_EQ(lm.id, "lm-6107841");
  EXPECT_EQ(lm.section, "Éducation");
  EXPECT_EQ(lm.authors, std::vector<std::string>{"Mattea Battaglia"});
  EXPECT_EQ(lm.published, "2022-01-01T05:00:10+01:00");
  EXPECT_TRUE(lm.truncated || !lm.body.empty());
}

TEST(JsonlImporter, EachBadLineIsNamedAndTheRestIsRead) {
  std::string bytes = "\xEF\xBB\xBF" + std::string(kGood) + "\r\n" + "{\"id\": \"t-2\", \"title\": \"sans corps\"}\n" +
                      "{not json}\n" + "\n" + "{\"id\": 42, \"title\": \"x\", \"body\": \"y\"}\n" +
                      "{\"id\": \"t-5\", \"title\": \"x\", \"body\": \"y\", \"tags\": \"pas une liste\"}\n" +
                      "{\"id\": \"t-6\", \"title\": \"bad \xC3\x28\", \"body\": \"y\"}\n" + "[1, 2]\n" +
                      "{\"id\": \"t-8\", \"title\": \"ok\", \"body\": \"ok\", \"published\": \"le 32 brumaire\"}\n" +
                      std::string("{\"id\": \"t-9\", \"title\": \"nul\0\", ", 31) + "\n";
  auto records = import_file(write_file("bad.jsonl", bytes));
  ASSERT_EQ(records.size(), 9u);  // the blank line gives no record
  EXPECT_TRUE(records[0].article) << records[0].problem_message();
  EXPECT_EQ(records[0].article->title, "L’école");
  EXPECT_EQ(records[1].problem_message(), "missing body (id t-2)");
  EXPECT_EQ(records[1].where.line, 2u);
  EXPECT_NE(records[2].problem_message().find("malformed JSON at column 3"), std::string::npos)
      << records[2].problem_message();
  EXPECT_EQ(records[3].where.line, 5u);
  EXPECT_EQ(records[3].problem_message(), "field 'id' must be a string, not number");
  EXPECT_EQ(records[4].problem_message(), "field 'tags' must be an array of strings, not string");
  EXPECT_NE(records[5].problem_message().find("malformed JSON"), std::string::npos) << records[5].problem_message();
  EXPECT_EQ(records[6].problem_message(), "expected a JSON object, found array");
  ASSERT_TRUE(records[7].article);
  EXPECT_FALSE(records[7].article->date.valid());
  ASSERT_EQ(records[7].warnings.size(), 1u);
  EXPECT_NE(records[7].warnings[0].find("unparsable date 'le 32 brumaire'"), std::string::npos);
  EXPECT_NE(records[8].problem_message().find("malformed JSON"), std::string::npos) << records[8].problem_message();
  // Each rejection carries a code, which the import summary counts by.
  std::vector<std::string> codes;
  for (const auto& r : records) codes.push_back(r.problem ? r.problem->code : "");
  EXPECT_EQ(codes, (std::vector<std::string>{"", "missing_field", "malformed_json", "bad_field", "bad_field",
                                             "malformed_json", "not_an_object", "", "malformed_json"}));
}

TEST(JsonlImporter, TruncatedGzipKeepsWhatWasReadAndSaysSo) {
  std::string lines;
  for (int i = 0; i < 200; ++i)
    lines += R"({"id": "g-)" + std::to_string(i) +
             R"(", "title": "Titre", "body": "Un corps de texte assez long pour remplir le flux compressé."})"
             "\n";
  std::string gz_path = test::temp_dir("gz") + "/full.jsonl.gz";
  gzFile gz = gzopen(gz_path.c_str(), "wb");
  gzwrite(gz, lines.data(), static_cast<unsigned>(lines.size()));
  gzclose(gz);
  std::ifstream in(gz_path, std::ios::binary);
  std::string compressed((std::istreambuf_iterator<char>(in)), {});
  auto records = import_file(write_file("cut.jsonl.gz", compressed.substr(0, compressed.size() / 2)));
  ASSERT_FALSE(records.empty());
  EXPECT_TRUE(records.front().article);
  const ImportRecord& last = records.back();
  EXPECT_FALSE(last.article);
  EXPECT_NE(last.problem_message().find("truncated or corrupt"), std::string::npos) << last.problem_message();
}

TEST(JsonlImporter, MissingFileAndFolderAreNamed) {
  auto records = import_file("/nonexistent/articles.jsonl");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].problem_message(), "cannot read: No such file or directory");
  records = import_file(test::temp_dir("folder"));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_NE(records[0].problem_message().find("Is a directory"), std::string::npos) << records[0].problem_message();
}

TEST(JsonlImporter, EmptyFileGivesNothing) { EXPECT_TRUE(import_file(write_file("empty.jsonl", "")).empty()); }

}  // namespace
}  // namespace gazette
