// JsonWriter (service/json_writer.h): what it writes parses back to what was
// given, whatever the strings hold; invalid UTF-8 and numbers JSON has no
// form for still give valid JSON.
#include <cmath>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "service/json_writer.h"

namespace gazette {
namespace {

using nlohmann::json;

TEST(JsonWriter, FrenchTextAndEveryCharacterJsonEscapesParseBack) {
  const std::string french = "« L’Œuvre » d'Hélène : “cœur” à l'École\n\tfin";
  const std::string escaped = "guillemets \" barre \\ oblique / nul\x01 et \x1F";
  // Escapes after 16 bytes and more, with letters beyond ASCII before them:
  // the Writer reads 16 bytes a step where it can.
  const std::string long_runs = std::string(20, 'a') + "é\"" + std::string(17, 'b') + "\x02ü\\" + std::string(40, 'c');
  JsonWriter out;
  out.begin_object().member("a", french).member("b", escaped).member("c", long_runs).key("list").begin_array();
  out.string("").string("œ").end_array().end_object();
  const json parsed = json::parse(out.text());
  EXPECT_EQ(parsed["a"], french);
  EXPECT_EQ(parsed["b"], escaped);
  EXPECT_EQ(parsed["c"], long_runs);
  EXPECT_EQ(parsed["list"], json::parse(R"(["", "œ"])"));
  // Control characters are escaped; the French letters are sent as they are.
  EXPECT_NE(out.text().find("\\u0001"), std::string::npos);
  EXPECT_NE(out.text().find("L’Œuvre"), std::string::npos);
}

// RapidJSON 1.1.0's SSE2 scan wrote 0x1A to 0x1F raw after 16 bytes (found
// by json_writer_fuzz, which put a 0x1A into a corpus title).
TEST(JsonWriter, EveryControlCharacterIsEscapedWhereverItStands) {
  for (int c = 0; c < 0x20; ++c)
    for (size_t at : {0, 1, 15, 16, 17, 31, 32, 47, 100}) {
      const std::string text = std::string(at, 'a') + static_cast<char>(c) + "é" + std::string(20, 'b');
      JsonWriter out;
      out.begin_object().member(text, text).end_object();
      json parsed;
      ASSERT_NO_THROW(parsed = json::parse(out.text())) << "character " << c << " after " << at << " bytes";
      EXPECT_EQ(parsed, json({{text, text}})) << "character " << c << " after " << at << " bytes";
    }
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacters) {
  JsonWriter out;
  // A lead byte without its trail, a byte that never starts a character, an
  // overlong "/", a UTF-16 surrogate: four invalid sequences around valid é.
  out.begin_array()
      .string(
          "caf\xC3"
          "\xFF"
          "é \xC0\xAF \xED\xA0\x80.")
      .end_array();
  const json parsed = json::parse(out.text());
  EXPECT_EQ(parsed[0], "caf\uFFFD\uFFFDé \uFFFD\uFFFD \uFFFD\uFFFD\uFFFD.");
}

// Found by tests/fuzz (json_writer_fuzz): names were written as given.
TEST(JsonWriter, InvalidUtf8InAMembersNameBecomesReplacementCharacters) {
  JsonWriter out;
  out.begin_object().member("\xC3(\xFF", "œuvre").member("Élysée", 1).end_object();
  const json parsed = json::parse(out.text());
  EXPECT_EQ(parsed, json({{"\uFFFD(\uFFFD", "œuvre"}, {"Élysée", 1}}));
}

TEST(JsonWriter, NumbersKeepTheirValueAndThoseJsonCannotSayAreNull) {
  JsonWriter out;
  out.begin_object()
      .member("score", 60.78802757213891)
      .member("tenth", 0.1)
      .key("big")
      .number(std::numeric_limits<uint64_t>::max())
      .key("small")
      .number(std::numeric_limits<int64_t>::min())
      .member("count", 63231u)
      .member("exact", false)
      .key("nan")
      .number(std::nan(""))
      .key("infinite")
      .number(std::numeric_limits<double>::infinity())
      .key("nothing")
      .null()
      .end_object();
  const json parsed = json::parse(out.text());
  EXPECT_EQ(parsed["score"].get<double>(), 60.78802757213891);
  EXPECT_EQ(parsed["tenth"].get<double>(), 0.1);
  EXPECT_EQ(parsed["big"].get<uint64_t>(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(parsed["small"].get<int64_t>(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(parsed["count"], 63231);
  EXPECT_EQ(parsed["exact"], false);
  EXPECT_TRUE(parsed["nan"].is_null());
  EXPECT_TRUE(parsed["infinite"].is_null());
  EXPECT_TRUE(parsed["nothing"].is_null());
}

}  // namespace
}  // namespace gazette
