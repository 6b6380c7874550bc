// The plain-text importer on the article of the shared corpus and on broken
// or unusual files written to a scratch folder.
#include "indexer/text_importer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "corpus_fixture.h"
#include "test_paths.h"

namespace gazette {
namespace {

std::vector<ImportRecord> import_file(const std::string& path) {
  std::vector<ImportRecord> records;
  import_text_file(path, [&](ImportRecord&& r) { records.push_back(std::move(r)); });
  return records;
}

std::string write_file(const std::string& folder, const std::string& name, const std::string& bytes) {
  std::string path = folder + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

ImportRecord parse(const std::string& text) { return parse_text_article(text, "t", {"t.txt", 0}); }

TEST(TextImporter, ReadsTheCopiedWebPage) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  std::string path = corpus_dir() + "/text/kim-jong-un-choigou.txt";
  auto records = import_file(path);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_TRUE(records[0].article) << records[0].problem_message();
  const Article& a = *records[0].article;
  EXPECT_EQ(a.id, "kim-jong-un-choigou");
  EXPECT_EQ(a.source, "text");
  EXPECT_EQ(records[0].where.file, path);
  EXPECT_EQ(a.title, "Kim Jong Un Et Choïgou : Discussions Sur La Sécurité");
  EXPECT_EQ(a.date.compact(), "20240914");
  EXPECT_EQ(a.published, "2024-09-14");
  EXPECT_NE(a.body.find("Sergueï Choïgou"), std::string::npos);
  EXPECT_EQ(a.body.find("min read"), std::string::npos);
  EXPECT_EQ(a.body.find(a.title), std::string::npos) << "the repeated title stays out";
  EXPECT_EQ(a.body.find("\u2022"), std::string::npos) << "bullets are removed";
  // The first paragraph is the subtitle, each list item is a paragraph.
  EXPECT_EQ(a.body.rfind("Kim Jong-un et Choïgou : Discussions sur la Sécurité - Des Signes", 0), 0u);
  EXPECT_NE(a.body.find("\n\nRenforcement de l'alliance stratégique: La rencontre"), std::string::npos);
  EXPECT_NE(a.body.find("\n\n1. Quelle est la signification"), std::string::npos);
  EXPECT_EQ(a.body.find("\n\n\n"), std::string::npos);
}

TEST(TextImporter, FrenchDateLineAndBulletsAreRemoved) {
  ImportRecord r = parse(
      "\xEF\xBB\xBF\r\n  La réforme des retraites  \r\n\r\nPublié le 3 mars 2022 à 10h\r\n\r\n"
      "Le texte arrive au Sénat.\r\nIl sera voté\r\nen avril.\r\n\r\n"
      "- premier point\r\n* deuxième point\r\n\u2022 troisième point\r\n-5 °C au matin\r\n");
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_EQ(r.article->title, "La réforme des retraites");
  EXPECT_EQ(r.article->date.compact(), "20220303");
  EXPECT_EQ(r.article->body,
            "Le texte arrive au Sénat. Il sera voté en avril.\n\n"
            "premier point\n\ndeuxième point\n\ntroisième point -5 °C au matin");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(TextImporter, DateInTheBodyIsNotTheArticleDate) {
  ImportRecord r = parse(
      "Titre\n\nLa rencontre a eu lieu le 27 juillet 2023 à Pyongyang, "
      "selon les agences de presse des deux pays.\n");
  ASSERT_TRUE(r.article) << r.problem_message();
  EXPECT_FALSE(r.article->date.valid());
  EXPECT_TRUE(r.article->published.empty());
  EXPECT_NE(r.article->body.find("27 juillet 2023"), std::string::npos);
}

TEST(TextImporter, EmptyAndBlankFilesAreRejected) {
  std::string dir = test::temp_dir("text-empty");
  for (const std::string& bytes : {std::string(), std::string(" \n\r\n\t\n"), std::string("\xEF\xBB\xBF")}) {
    auto records = import_file(write_file(dir, "vide.txt", bytes));
    ASSERT_EQ(records.size(), 1u);
    EXPECT_FALSE(records[0].article);
    EXPECT_EQ(records[0].problem_message(), "empty file");
  }
}

TEST(TextImporter, TitleWithoutBodyIsRejected) {
  ImportRecord r = parse("Un titre seul\n\nUn titre seul\n\n12 min read Sep 14, 2024\n");
  EXPECT_FALSE(r.article);
  EXPECT_EQ(r.problem_message(), "missing body");
}

TEST(TextImporter, InvalidUtf8IsRejectedWithItsByteOffset) {
  ImportRecord r = parse("Titre\n\nL'\xE9t\xE9 sera chaud.\n");
  EXPECT_FALSE(r.article);
  EXPECT_EQ(r.problem_message(), "invalid UTF-8 at byte 9");
}

TEST(TextImporter, UnreadableFilesAreReported) {
  std::string dir = test::temp_dir("text-unreadable");
  auto missing = import_file(dir + "/absent.txt");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_FALSE(missing[0].article);
  EXPECT_EQ(missing[0].problem_message(), "cannot read: No such file or directory");
  EXPECT_EQ(missing[0].where.file, dir + "/absent.txt");

  auto folder = import_file(dir);
  ASSERT_EQ(folder.size(), 1u);
  EXPECT_EQ(folder[0].problem_message(), "cannot read: Is a directory");
}

}  // namespace
}  // namespace gazette
