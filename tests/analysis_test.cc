// The French analysis: folding, elisions, hyphens, stems and stop words, on
// real French phrases. Query-level equivalence on real articles is in
// search_test.cc.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "common/french_analyzer.h"
#include "common/text_folding.h"
#include "fuzz/reference_tokenizer.h"
#include "search/query_builder.h"
#include "test_paths.h"

namespace gazette {
namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  tokenize(text, [&](const Token& t) { out.emplace_back(t.folded); });
  return out;
}

std::vector<std::string> stems(std::string_view text) {
  FrenchAnalyzer analyzer;
  std::vector<std::string> out;
  for (const auto& w : words(text)) out.push_back(analyzer.stem(w));
  return out;
}

using Words = std::vector<std::string>;

TEST(Folding, AccentsCaseAndLigatures) {
  EXPECT_EQ(fold_text("Élysée"), "elysee");
  EXPECT_EQ(fold_text("ÉLYSÉE"), fold_text("elysee"));
  EXPECT_EQ(fold_text("Choïgou"), "choigou");
  EXPECT_EQ(fold_text("œuvre"), "oeuvre");
  EXPECT_EQ(fold_text("Œuvre"), "oeuvre");
  EXPECT_EQ(fold_text("cæcum"), "caecum");
  EXPECT_EQ(fold_text("Noël à l’hôpital"), "noel a l'hopital");
  EXPECT_EQ(fold_text("Ça"), "ca");
  EXPECT_EQ(fold_text("Sergueï"), "serguei");
}

// Latin letters below U+0250 fold from a table, the rest through ICU: both
// sides of the border, and the letters ICU does not decompose.
TEST(Folding, LatinExtendedLettersAndTheirNeighbours) {
  EXPECT_EQ(fold_text("Łódź Øresund Đoković Straße ẞ"), "lodz oresund dokovic strasse ss");
  EXPECT_EQ(fold_text("Ğ ș ț ǅ ǆ"), "g s t dz dz");            // Latin Extended-A and B
  EXPECT_EQ(fold_text("ɐ ɑ Ḁ ḁ ẞ"), fold_text("ɐ ɑ ḁ ḁ ss"));  // U+0250 onwards: ICU
  EXPECT_EQ(fold_text("l´école ¼ µ ª"), "l'ecole 1⁄4 μ a");    // ´ an apostrophe; compatibility forms
}

TEST(Folding, KeepsOtherScriptsAndDropsInvalidBytes) {
  EXPECT_EQ(fold_text("Путин"), "путин");
  EXPECT_EQ(fold_text("ab\xFF\xFE"
                      "cd"),
            "abcd");
  EXPECT_EQ(find_invalid_utf8("ok \xC3\xA9 then \xC3("), 11u);
  EXPECT_EQ(find_invalid_utf8("déjà"), std::string_view::npos);
}

// What Unicode calls ill-formed UTF-8 is found wherever it is, also past the
// blocks of 32 and 64 bytes that the fast check reads at a time; what is
// well-formed is not, noncharacters included.
TEST(Folding, FindsEveryKindOfInvalidUtf8AtItsOffset) {
  for (const std::string valid : {"", "œuvre « citée » – 𝄞 \xEF\xBF\xBE \xF4\x8F\xBF\xBF", "\xED\x9F\xBF"})
    EXPECT_EQ(find_invalid_utf8(valid), std::string_view::npos) << valid;
  const std::string invalid[] = {
      "\xC0\xAF",          // an overlong "/"
      "\xE0\x80\xAF",      // another
      "\xED\xA0\x80",      // a UTF-16 surrogate
      "\xF4\x90\x80\x80",  // past U+10FFFF
      "\xF5\x80\x80\x80",  // a byte that never leads
      "\xFF",              // another
      "\x80",              // a trail byte alone
      "\xC3",              // a lead byte cut at the end
  };
  for (const std::string& bad : invalid)
    for (size_t at : {0, 31, 32, 63, 64, 100}) {
      const std::string text = std::string(at, 'e') + bad + (bad == "\xC3" ? "" : " été");
      EXPECT_EQ(find_invalid_utf8(text), at) << at;
    }
}

TEST(Tokenizer, ElisionsWithBothApostrophes) {
  EXPECT_EQ(words("l’école"), Words{"ecole"});
  EXPECT_EQ(words("l'école"), Words{"ecole"});
  EXPECT_EQ(words("L'ÉCOLE"), Words{"ecole"});
  EXPECT_EQ(words("d’Orsay"), Words{"orsay"});
  EXPECT_EQ(words("qu’il"), Words{"il"});
  EXPECT_EQ(words("jusqu’à"), Words{"a"});
  EXPECT_EQ(words("jusqu'a"), Words{"a"});
  EXPECT_EQ(words("lorsqu'on s'est aperçu"), (Words{"on", "est", "apercu"}));
}

TEST(Tokenizer, ApostropheInsideAWordIsNotAnElision) {
  EXPECT_EQ(words("aujourd’hui"), (Words{"aujourd", "hui"}));
  EXPECT_EQ(words("prud'hommes"), (Words{"prud", "hommes"}));
}

TEST(Tokenizer, HyphensSeparateWordsAtAdjacentPositions) {
  EXPECT_EQ(words("Kim Jong-un"), (Words{"kim", "jong", "un"}));
  EXPECT_EQ(words("KIM JONG UN"), (Words{"kim", "jong", "un"}));
  EXPECT_EQ(words("porte-avions"), words("porte avions"));
  EXPECT_EQ(words("c'est-à-dire"), (Words{"est", "a", "dire"}));
}

TEST(Tokenizer, OffsetsPointIntoTheOriginalText) {
  std::string text = "À l’Élysée, Macron";
  std::vector<std::pair<size_t, size_t>> ranges;  // a token's view lives only during the callback
  tokenize(text, [&](const Token& t) { ranges.emplace_back(t.begin, t.end); });
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(text.substr(ranges[1].first, ranges[1].second - ranges[1].first), "Élysée");
  EXPECT_EQ(text.substr(ranges[2].first, ranges[2].second - ranges[2].first), "Macron");
}

// A word in lower-case ASCII is read as it is, any other is folded; words
// that mix both, in either order, fold the same as written alone.
TEST(Tokenizer, MixedCaseAndAccentsFoldWhereverTheyAreInTheWord) {
  EXPECT_EQ(words("café CAFÉ cafÉ Café"), (Words{"cafe", "cafe", "cafe", "cafe"}));
  EXPECT_EQ(words("iPhone abÉCD ÉCOLE écoles"), (Words{"iphone", "abecd", "ecole", "ecoles"}));
  EXPECT_EQ(words("QU'IL qu’Il JUSQU’À L'Œuvre"), (Words{"il", "il", "a", "oeuvre"}));
  EXPECT_EQ(words("cœur-de-Lion x9 9X"), (Words{"coeur", "de", "lion", "x9", "9x"}));
  // Each token is the folded text of its own bytes.
  const std::string text = "Le PS, l’UMP et Mme Hidalgo (Paris) : « Ça suffit ! » – dit-elle, à 20h30.";
  tokenize(text, [&](const Token& t) {
    EXPECT_EQ(t.folded, fold_text(text.substr(t.begin, t.end - t.begin))) << text.substr(t.begin, t.end - t.begin);
  });
}

// ASCII words are read 16 bytes at a time: a word that fills, crosses or
// ends such a block, or the text, reads whole, and an upper-case letter
// anywhere in it is folded.
TEST(Tokenizer, WordsOfAnyLengthAtAnyOffset) {
  EXPECT_EQ(words("Anticonstitutionnellement, l'intergouvernementalisation"),
            (Words{"anticonstitutionnellement", "intergouvernementalisation"}));
  for (size_t before = 0; before < 18; ++before)
    for (size_t length = 1; length <= 40; ++length)
      for (size_t upper : {size_t{0}, length / 2, length - 1})
        for (bool at_end : {true, false}) {
          std::string word(length, 'e');
          word[upper] = 'E';
          const std::string text = std::string(before, ' ') + word + (at_end ? "" : " 2022");
          const Words expected = at_end ? Words{std::string(length, 'e')} : Words{std::string(length, 'e'), "2022"};
          ASSERT_EQ(words(text), expected) << '"' << text << '"';
        }
}

// tokenize() reads 16 bytes at a time and looks the letters below U+0250
// up in a table: it gives the tokens of the rules read a code point at a
// time, on every text of the fixture's articles, and on short mixtures of
// the bytes where the two could part (case, both apostrophes, two-byte
// letters and separators, invalid and cut sequences), at every offset of a
// block. (The analyzer fuzz target compares them on any bytes.)
TEST(Tokenizer, SameTokensAsTheRulesReadACodePointAtATime) {
  std::ifstream in(test_data_dir() + "/wikinews.jsonl");
  std::string line;
  size_t texts = 0, tokens = 0;
  while (std::getline(in, line)) {
    const nlohmann::json article = nlohmann::json::parse(line);
    for (const auto& [field, value] : article.items()) {
      if (!value.is_string()) continue;
      const std::string text = value.get<std::string>();
      const auto expected = reference_tokens(text);
      ASSERT_EQ(tokenized(text), expected) << field << ": " << text;
      ++texts;
      tokens += expected.size();
    }
  }
  EXPECT_GE(texts, 500u);
  EXPECT_GE(tokens, 20000u);

  const std::vector<std::string> pieces = {
      "a",      "Z",    "9",    " ",        "'",        "`",       "-", "é", "É",  "œ", "«",
      "\u00A0", "’",    "´",    "ǅ",        "¼",        "Ğ",       "ɐ", "l", "qu", "K", std::string(1, '\0'),
      "\xC3",   "\xA9", "\xFF", "\xE2\x80", "\xC9\xBF", "\xCA\x80"};
  uint64_t state = 88172645463325252u;  // xorshift: the same mixtures at each run
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t n = next() % 24; n > 0; --n) text += pieces[next() % pieces.size()];
    ASSERT_EQ(tokenized(text), reference_tokens(text)) << testing::PrintToString(text);
  }
}

TEST(Tokenizer, NumbersAndDates) {
  EXPECT_EQ(words("le 1er mars 2022, 100 000 euros"), (Words{"le", "1er", "mars", "2022", "100", "000", "euros"}));
  EXPECT_EQ(words("Covid-19"), (Words{"covid", "19"}));
}

TEST(Stemmer, PluralsAndVerbFormsShareAStem) {
  EXPECT_EQ(stems("retraite"), stems("retraites"));
  EXPECT_EQ(stems("école"), stems("ecoles"));
  EXPECT_EQ(stems("l’école"), stems("ECOLES"));
  EXPECT_EQ(stems("manifestation"), stems("manifestations"));
  EXPECT_EQ(stems("négocier"), stems("négociait"));
  EXPECT_EQ(stems("élections"), stems("election"));
}

TEST(Stopwords, FoldedFrenchList) {
  FrenchAnalyzer analyzer;
  for (const char* w : {"le", "la", "les", "de", "des", "du", "et", "a", "il", "qu"})
    EXPECT_TRUE(analyzer.is_stopword(w)) << w;
  for (const char* w : {"ecole", "retraite", "gaza", "macron"}) EXPECT_FALSE(analyzer.is_stopword(w)) << w;
}

TEST(FacetKey, SameKeyWhateverTheSpelling) {
  EXPECT_EQ(facet_key("Faits divers"), "faits divers");
  EXPECT_EQ(facet_key("faits-divers"), "faits divers");
  EXPECT_EQ(facet_key("ÉCONOMIE"), facet_key("économie"));
}

// Section names that their sources write several ways (issue 18).
TEST(SectionKey, TwinSpellingsShareOneKeyOtherSectionsDoNot) {
  const std::vector<std::pair<const char*, const char*>> twins = {
      {"Séries d'été", "Series d ete"},
      {"Police et justice", "Police justice"},
      {"Côté cour(s), côté jardin(s)", "Cotecourscotesjardins"},
      {"Guides d'achat", "Guides d achat"},
      {"Les Décodeurs", "Les decodeurs"},
      {"Télévisions & Radio", "Televisions radio"},
  };
  for (const auto& [a, b] : twins) EXPECT_EQ(section_key(a), section_key(b)) << a << " vs " << b;
  const std::vector<std::pair<const char*, const char*>> apart = {
      {"Séries", "Séries d'été"}, {"Monde", "Le Monde & Vous"}, {"Campus", "M Campus"}, {"Sport", "Santé"}};
  for (const auto& [a, b] : apart) EXPECT_NE(section_key(a), section_key(b)) << a << " vs " << b;
}

TEST(QueryFolding, WordsFoldedSyntaxKept) {
  EXPECT_EQ(fold_query("L’école AND Élysée"), "ecole AND elysee");
  // A hyphen or dot inside a word makes its parts a phrase for QueryParser.
  EXPECT_EQ(fold_query("\"Kim Jong-un\" -Séoul"), "\"kim jong-un\" -seoul");
  EXPECT_EQ(fold_query("porte-avions Covid-19 -gaz"), "porte-avions covid-19 -gaz");
  EXPECT_EQ(fold_query("Jean‐Marc –Ayrault"), "jean-marc  ayrault") << "U+2010 joins, the en dash does not";
  // Every quotation mark is QueryParser's.
  EXPECT_EQ(fold_query("« gilets jaunes » “Élysée” „Gaza“"), "\" gilets jaunes \" \"elysee\" \"gaza\"");
  EXPECT_EQ(fold_query("titre:Élysée section:\"Faits divers\""), "titre:elysee section:\"faits divers\"");
  EXPECT_EQ(fold_query("aujourd’hui"), "aujourd-hui");
  EXPECT_EQ(fold_query("2020-01-01..2020-03-31"), "2020-01-01..2020-03-31");
  EXPECT_EQ(fold_query("USA: 11.000 évacués (Floride)"), "usa  11-000 evacues (floride)");
  EXPECT_EQ(fold_query("+Macron -Élysée"), "+macron -elysee");
  EXPECT_EQ(fold_query("un apéro avec..."), "un apero avec ");
  EXPECT_EQ(fold_query("date:2020..2021 ..2019"), "date:2020..2021 ..2019");
  EXPECT_EQ(fold_query("jusqu’à OR œuvre"), "a OR oeuvre");
}

}  // namespace
}  // namespace gazette
