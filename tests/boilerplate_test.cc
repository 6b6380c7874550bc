// What is not an article's text is dropped from its body before indexing:
// links to other articles, photo credits, code left by interactive pages.
// Unit cases in hand-written French, then the real articles of the shared
// corpus slice (issue 18: "q=d3.selectAll" found 89 articles, and 29 of 160
// hits showed "Lire aussi : Article réservé à nos abonnés…").
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "corpus_fixture.h"
#include "indexer/boilerplate.h"
#include "search/searcher.h"

namespace gazette {
namespace {

TEST(Boilerplate, DropsLinksCreditsAndCodeAndKeepsTheText) {
  std::string body =
      "Le conseil municipal a voté le budget (à l’unanimité).\n\n"
      "Lire aussi : Article réservé à nos abonnés Le budget de la ville en débat\n\n"
      "Le maire, à Lyon, le 3 mars 2022. JEAN DUPONT / AFP\n\n"
      "d3.selectAll(\"#tableau .d_contenant\").style(\"display\", \"none\")\n\n"
      "#tableau .d_ligne:not(.entete):hover .d_cellule.cat,\n\n"
      "toggleCase(this)\n\n"
      "// Dessiner la légende\n\n"
      "x.domain([d3.min(data, d => d.date), d3.max(data, d => d.date)])\n\n"
      "Lire l’éditorial du « Monde » : Les finances des villes\n\n"
      "Article réservé à nos abonnés\n\n"
      "La séance a repris à 21 heures, selon l’AFP / Reuters.";
  BoilerplateDropped d = drop_boilerplate(body);
  EXPECT_EQ(body,
            "Le conseil municipal a voté le budget (à l’unanimité).\n\n"
            "Le maire, à Lyon, le 3 mars 2022.\n\n"
            "La séance a repris à 21 heures, selon l’AFP / Reuters.");
  EXPECT_EQ(d.links, 3u);
  EXPECT_EQ(d.credits, 1u);
  EXPECT_EQ(d.code, 5u);
  // A second pass finds nothing: stored articles read back the same.
  std::string again = body;
  EXPECT_EQ(drop_boilerplate(again).total(), 0u);
  EXPECT_EQ(again, body);
}

// An embedded Instagram post leaves two lines; a quoted tweet is text.
TEST(Boilerplate, DropsWhatAnEmbeddedPostLeaves) {
  std::string body =
      "Le collectif a affiché les messages de Boris Johnson.\n\n"
      "View this post on Instagram\n\n"
      "A post shared by Led By Donkeys (@ledbydonkeys)\n\n"
      "Voir cette publication sur Instagram\n\n"
      "Une publication partagée par Novak Djokovic (@djokernole)\n\n"
      "Le gouvernement demande la prolongation des débats au-delà de minuit. — LCP (@LCP)";
  BoilerplateDropped d = drop_boilerplate(body);
  EXPECT_EQ(body,
            "Le collectif a affiché les messages de Boris Johnson.\n\n"
            "Le gouvernement demande la prolongation des débats au-delà de minuit. — LCP (@LCP)");
  EXPECT_EQ(d.embeds, 4u);
  EXPECT_EQ(d.total(), 4u);
  // Empty paragraphs are read too (ASan caught a read before one).
  std::string blank = "\n\nView this post on Instagram\n\n\n\nTexte.\n\n";
  EXPECT_EQ(drop_boilerplate(blank).embeds, 1u);
  EXPECT_EQ(blank, "Texte.");
}

TEST(Boilerplate, DropsTheFormOfACallForTestimonies) {
  // The end of every call for testimonies in Le Monde 2022 (60 of them).
  std::string body =
      "Vous avez choisi de vous abstenir au premier tour ? Racontez-nous.\n\n"
      "Votre adresse e-mail ne sera pas publiée et ne sera utilisée que dans le cadre exclusif de cet appel à "
      "témoignage. Vous pouvez préciser votre âge, ville de résidence, profession…\n\n"
      "« Je certifie être l’auteur de ce contenu et j’accepte l’ensemble du règlement des dépôts accessible "
      "ci-dessous » Envoyer votre témoignage\n\n"
      "RÈGLEMENT DES DÉPÔTS DE TÉMOIGNAGE La Société éditrice du Monde souhaite présenter dans ses publications "
      "une sélection de témoignages…\n\n"
      "Règles applicables à la Contribution En participant à cet appel à témoignages, vous autorisez la "
      "publication…";
  BoilerplateDropped d = drop_boilerplate(body);
  EXPECT_EQ(body, "Vous avez choisi de vous abstenir au premier tour ? Racontez-nous.");
  EXPECT_EQ(d.form, 4u);
}

TEST(Boilerplate, KeepsWhatOnlyLooksLikeIt) {
  const std::string long_reading =
      "Lire aussi les mémoires du général, c’est comprendre la France de 1940 : " + std::string(400, 'x');
  for (const std::string& text : {
           std::string("Il faut lire aussi ce que disent les syndicats."),
           long_reading,
           std::string("La SNCF et la RATP / Île-de-France Mobilités ont signé."),
           std::string("Le président (qui a parlé) a conclu."),
           std::string("Voici le résultat : 3 > 2, et 2 < 3."),
       }) {
    std::string body = "Un premier paragraphe.\n\n" + text;
    const std::string before = body;
    EXPECT_EQ(drop_boilerplate(body).total(), 0u) << text;
    EXPECT_EQ(body, before);
  }
}

// The slice's raw file has such paragraphs; the articles read from it, and
// its index, have none.
TEST(Boilerplate, TheSliceIsIndexedWithoutThem) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  std::ifstream raw(slice.jsonl);
  size_t raw_links = 0, raw_code = 0;
  for (std::string line; std::getline(raw, line);) {
    raw_links += line.find("\\n\\nLire aussi") != std::string::npos;
    raw_code += line.find("d3.select") != std::string::npos;
  }
  ASSERT_GT(raw_links, 100u);
  ASSERT_GT(raw_code, 0u);
  for (const auto& a : slice.articles) {
    EXPECT_EQ(a.body.find("\n\nLire aussi"), std::string::npos) << a.id;
    EXPECT_EQ(a.body.find("d3.select"), std::string::npos) << a.id;
  }
  Searcher searcher{Xapian::Database(slice.db)};
  SearchRequest request;
  request.query = "d3.selectAll";
  EXPECT_EQ(searcher.search(request).total, 0u);
}

}  // namespace
}  // namespace gazette
