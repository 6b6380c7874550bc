// Named-entity extraction (entities/entity_extractor.h): each normalisation
// rule on French sentences written like news text, no entity from common
// words, the articles tagged by hand, and real articles of the shared corpus
// (read from ../shared, never copied here). The names found by the words
// around them: entities_by_context_test.cc.
//
// Most tests run with the compiled-in data only (ICU and corpus/entities-fr.tsv),
// as a checkout without the npm data file would. Those marked "with data" need
// the file of scripts/fetch-geo-data.sh in the build folder and skip without it.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bench/entity_judgments.h"
#include "entity_test_support.h"
#include "test_paths.h"

namespace gazette {
namespace {

using namespace test;

// --- one id for every written form ------------------------------------------------------

TEST(Entities, CaseAccentsAndHyphensGiveOneId) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Le dirigeant nord-coréen, Kim Jong-un, a supervisé mardi un nouveau tir de missile "
                         "balistique. Selon l’agence officielle KCNA, Kim Jong Un s’est félicité du succès de "
                         "l’essai.\n\nKIM JONG-UN SALUE UN « SUCCÈS HISTORIQUE »");
    ASSERT_EQ(count_id(found, "p:kim-jong-un"), 1u) << ids(found);
    const Entity& kim = *find(found, "p:kim-jong-un");
    EXPECT_EQ(kim.name, "Kim Jong-un");
    EXPECT_EQ(kim.type, EntityType::kPerson);
    EXPECT_EQ(kim.mentions, 3u);
    EXPECT_TRUE(has_alias(kim, "Kim Jong Un"));
    EXPECT_TRUE(has_alias(kim, "KIM JONG-UN"));
  }
}

// The corpus mixes no-break and plain spaces ("Emmanuel\u00a0 Macron"): a
// name is shown with one plain space between its words, whatever the text had.
TEST(Entities, NoBreakSpacesInANameAreOneSpace) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Le ministre Thierry\u00a0 Beaudet a reçu mardi les maires. Thierry\u202fBeaudet a "
                         "promis une réponse.");
    const Entity* person = find(found, "p:thierry-beaudet");
    ASSERT_NE(person, nullptr) << ids(found);
    EXPECT_EQ(person->name, "Thierry Beaudet");
    for (const std::string& alias : person->aliases) EXPECT_EQ(alias, "Thierry Beaudet");
    EXPECT_EQ(person->mentions, 2u);
  }
}

TEST(Entities, AccentsDoNotSplitAPerson) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Le ministre russe de la défense, Sergueï Choïgou, est arrivé mardi à Pyongyang pour une "
                         "visite de trois jours. Choigou doit assister au défilé militaire de jeudi.");
    ASSERT_EQ(count_id(found, "p:serguei-choigou"), 1u) << ids(found);
    const Entity& s = *find(found, "p:serguei-choigou");
    EXPECT_EQ(s.name, "Sergueï Choïgou");
    EXPECT_TRUE(has_alias(s, "Choigou"));
    EXPECT_EQ(s.mentions, 2u);
    EXPECT_NE(find(found, "l:pyongyang"), nullptr) << ids(found);
  }
}

TEST(Entities, SurnameAloneJoinsTheFullName) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Choïgou a rencontré les responsables nord-coréens. Le ministre de la défense, Sergueï "
                         "Choïgou, a salué « l’amitié indéfectible » entre les deux pays. Pour Choïgou, la "
                         "coopération militaire doit s’intensifier.");
    ASSERT_EQ(count_id(found, "p:serguei-choigou"), 1u) << ids(found);
    EXPECT_EQ(find(found, "p:serguei-choigou")->mentions, 3u);
    EXPECT_EQ(find(found, "p:choigou"), nullptr) << ids(found);
  }
}

TEST(Entities, TwoPeopleWithOneSurnameKeepTheirOwnMentions) {
  SKIP_IF_NO_DATA();
  auto found = extract(*with_data(),
                       "Jean-Marie Le Pen a fondé le Front national en 1972. Sa fille, Marine Le Pen, en a pris la "
                       "tête en 2011. Depuis, Mme Le Pen a rebaptisé le parti Rassemblement national.");
  ASSERT_NE(find(found, "p:jean-marie-le-pen"), nullptr) << ids(found);
  ASSERT_NE(find(found, "p:marine-le-pen"), nullptr) << ids(found);
  EXPECT_EQ(find(found, "p:marine-le-pen")->mentions, 2u);
  EXPECT_EQ(find(found, "p:jean-marie-le-pen")->mentions, 1u);
  // Renamed in 2018, the party is one organisation under both names.
  ASSERT_NE(find(found, "o:rassemblement-national"), nullptr) << ids(found);
  EXPECT_EQ(find(found, "o:rassemblement-national")->mentions, 2u);
  EXPECT_EQ(find(found, "o:front-national"), nullptr);
}

// --- titles and roles are not part of names ---------------------------------------------

TEST(Entities, RolesAndTitlesAreNotPartOfTheName) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Le président Emmanuel Macron a reçu jeudi à l’Elysée le chef du gouvernement, Jean "
                         "Castex. A la sortie, M. Castex a assuré que la ministre Élisabeth Borne présenterait "
                         "la réforme « dans les prochaines semaines ».");
    ASSERT_NE(find(found, "p:emmanuel-macron"), nullptr) << ids(found);
    EXPECT_EQ(find(found, "p:emmanuel-macron")->name, "Emmanuel Macron");
    ASSERT_NE(find(found, "p:jean-castex"), nullptr) << ids(found);
    EXPECT_EQ(find(found, "p:jean-castex")->mentions, 2u);
    EXPECT_TRUE(has_alias(*find(found, "p:jean-castex"), "Castex"));
    EXPECT_EQ(find(found, "p:castex"), nullptr);
    ASSERT_NE(find(found, "p:elisabeth-borne"), nullptr) << ids(found);
    EXPECT_EQ(find(found, "p:elisabeth-borne")->name, "Élisabeth Borne");
    EXPECT_NE(find(found, "o:elysee"), nullptr) << ids(found);
    for (const auto& e : found)
      for (const auto& alias : e.aliases) {
        EXPECT_EQ(alias.find("président"), std::string::npos) << alias;
        EXPECT_EQ(alias.find("ministre"), std::string::npos) << alias;
        EXPECT_EQ(alias.find("M. "), std::string::npos) << alias;
      }
  }
}

TEST(Entities, ATitleAloneGivesTheSurname) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Interrogé sur la dette, M. Castex a défendu le « quoi qu’il en coûte ». "
                         "Mme Borne, elle, reste prudente.");
    EXPECT_NE(find(found, "p:castex"), nullptr) << ids(found);
    EXPECT_NE(find(found, "p:borne"), nullptr) << ids(found);
  }
}

TEST(Entities, RoleWithNationalityAndComplement) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Le président ukrainien Volodymyr Zelensky a demandé davantage d’armes. Son homologue "
                         "russe, Vladimir Poutine, a répondu par une nouvelle offensive, tandis que le secrétaire "
                         "général de l’ONU, Antonio Guterres, appelait au cessez-le-feu.");
    EXPECT_NE(find(found, "p:volodymyr-zelensky"), nullptr) << ids(found);
    EXPECT_NE(find(found, "p:vladimir-poutine"), nullptr) << ids(found);
    EXPECT_NE(find(found, "p:antonio-guterres"), nullptr) << ids(found);
    EXPECT_NE(find(found, "o:onu"), nullptr) << ids(found);
  }
}

TEST(Entities, GivenNamesFindPeopleWithoutARole) {
  SKIP_IF_NO_DATA();
  auto found = extract(*with_data(),
                       "Jean-Luc Mélenchon et Yannick Jadot ont refusé de s’allier. Valérie Pécresse compte sur "
                       "les voix de la droite. Florence Parly a quitté le gouvernement.");
  for (const char* id : {"p:jean-luc-melenchon", "p:yannick-jadot", "p:valerie-pecresse", "p:florence-parly"})
    EXPECT_NE(find(found, id), nullptr) << id << " in " << ids(found);
  EXPECT_EQ(find(found, "l:florence"), nullptr) << ids(found);
}

TEST(Entities, ANameWrittenTwiceIsAPerson) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "La plainte vise Tedros Ghebreyesus, qui dirige l’organisation depuis 2017. Interrogé, "
                         "Tedros Ghebreyesus n’a pas souhaité réagir.");
    ASSERT_NE(find(found, "p:tedros-ghebreyesus"), nullptr) << ids(found);
    EXPECT_EQ(find(found, "p:tedros-ghebreyesus")->mentions, 2u);
    // Not two words out of a longer run of capitals: a road, a model.
    auto road = extract(*x,
                        "Il affrontera la Tianmen Mountain Big Gate Road. Les virages de la Tianmen Mountain Big "
                        "Gate Road sont célèbres. La série Big Little Lies revient ; Big Little Lies a gagné. "
                        "Selon McLaren Automotive, la voiture est prête ; McLaren Automotive la livre.");
    for (const char* id : {"p:tianmen-mountain-big", "p:big-little", "p:mclaren-automotive"})
      EXPECT_EQ(find(road, id), nullptr) << id << " in " << ids(road);
  }
}

TEST(Entities, ParticlesBelongToNamesNotToComplements) {
  for (const auto* x : extractors()) {
    auto found =
        extract(*x,
                "Le général Charles de Gaulle avait refusé. La présidente de la Commission, Ursula von der "
                "Leyen, a rencontré le président syrien, Bachar Al-Assad, puis le ministre Jean-Yves Le Drian. "
                "Le député Doudou Wade du Parti démocratique sénégalais a protesté.");
    for (const char* id : {"p:charles-de-gaulle", "p:ursula-von-der-leyen", "p:bachar-al-assad", "p:jean-yves-le-drian",
                           "p:doudou-wade"})
      EXPECT_NE(find(found, id), nullptr) << id << " in " << ids(found);
  }
}

// "Ag" ("son of") in Tuareg names, in capitals too; "Abd" and the word
// after it are one given name, which the next given name does not cut.
TEST(Entities, ParticlesAndCompoundGivenNamesOfTheArabWorldAndTheSahel) {
  SKIP_IF_NO_DATA();
  auto found = extract(*with_data(),
                       "Bamako a nommé Abdallah AG Hama « ministre conseiller à Paris ». Iyad Ag Ghaly dirige le "
                       "groupe. Le frère du président yéménite Abd Rabbo Mansour Hadi a été libéré.");
  for (const char* id : {"p:abdallah-ag-hama", "p:iyad-ag-ghaly", "p:abd-rabbo-mansour-hadi"})
    EXPECT_NE(find(found, id), nullptr) << id << " in " << ids(found);
  for (const char* id : {"l:hama", "p:abd-rabbo", "p:mansour-hadi"})
    EXPECT_EQ(find(found, id), nullptr) << id << " in " << ids(found);
}

// --- places ------------------------------------------------------------------------

TEST(Entities, CountriesByTheirUsualAndOtherNames) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "La Corée du Nord a de nouveau défié les Etats-Unis. Pour la RPDC, les manœuvres "
                         "conjointes des USA et de la Corée du Sud sont une provocation. Le Royaume-Uni a condamné "
                         "le tir, et la Grande-Bretagne demandera une réunion à New York. Aux États-Unis, le "
                         "Pentagone n’a pas commenté.");
    ASSERT_EQ(count_id(found, "l:coree-du-nord"), 1u) << ids(found);
    EXPECT_EQ(find(found, "l:coree-du-nord")->name, "Corée du Nord");
    EXPECT_EQ(find(found, "l:coree-du-nord")->mentions, 2u);
    EXPECT_TRUE(has_alias(*find(found, "l:coree-du-nord"), "RPDC"));
    ASSERT_EQ(count_id(found, "l:etats-unis"), 1u) << ids(found);
    EXPECT_EQ(find(found, "l:etats-unis")->name, "États-Unis");
    EXPECT_EQ(find(found, "l:etats-unis")->mentions, 3u);
    EXPECT_TRUE(has_alias(*find(found, "l:etats-unis"), "USA"));
    EXPECT_EQ(find(found, "l:royaume-uni")->mentions, 2u);
    EXPECT_NE(find(found, "l:coree-du-sud"), nullptr);
    EXPECT_NE(find(found, "l:new-york"), nullptr);
    EXPECT_NE(find(found, "o:pentagone"), nullptr);
  }
}

TEST(Entities, CapitalsMatterForNames) {
  for (const auto* x : extractors()) {
    // Lower case: not the country, not the organisation, not the newspaper.
    auto found = extract(*x, "Le monde entier regarde la corée du nord ; l’orange est un fruit.");
    EXPECT_TRUE(found.empty()) << ids(found);
  }
}

TEST(Entities, CitiesOfTheWorldInFrench) {
  for (const auto* x : extractors()) {
    auto found = extract(*x, "Après Moscou et Pékin, le ministre s’est rendu au Caire, puis à Kiev.");
    for (const char* id : {"l:moscou", "l:pekin", "l:le-caire", "l:kiev"})
      EXPECT_NE(find(found, id), nullptr) << id << " in " << ids(found);
  }
}

TEST(Entities, FrenchCommunesWithData) {
  SKIP_IF_NO_DATA();
  auto found = extract(*with_data(),
                       "La manifestation est partie de Tourcoing pour rejoindre Roubaix. En Seine-Saint-Denis, "
                       "les maires de Montreuil et de Saint-Denis ont signé la tribune. Le Havre et Le Mans "
                       "suivront ; au Havre, le cortège partira de l’hôtel de ville.");
  for (const char* id :
       {"l:tourcoing", "l:roubaix", "l:seine-saint-denis", "l:montreuil", "l:saint-denis", "l:le-havre", "l:le-mans"})
    EXPECT_NE(find(found, id), nullptr) << id << " in " << ids(found);
  EXPECT_EQ(find(found, "l:le-havre")->mentions, 2u);
  // Without the data file: only the places that ICU and the curated file know.
  auto bare_found = extract(bare(), "La manifestation est partie de Tourcoing pour rejoindre Roubaix.");
  EXPECT_TRUE(bare_found.empty()) << ids(bare_found);
}

TEST(Entities, CommunesNamedLikeCommonWordsNeedTheirCapital) {
  SKIP_IF_NO_DATA();
  auto found = extract(*with_data(),
                       "Sens interdit pour les poids lourds dans le centre. Grasse matinée pour les commerçants. "
                       "A Sens comme à Grasse, les maires ont pris des arrêtés ; le sens de la mesure échappe "
                       "aux habitants.");
  ASSERT_NE(find(found, "l:sens"), nullptr) << ids(found);
  EXPECT_EQ(find(found, "l:sens")->mentions, 1u);
  ASSERT_NE(find(found, "l:grasse"), nullptr) << ids(found);
  EXPECT_EQ(find(found, "l:grasse")->mentions, 1u);
}

// --- organisations -------------------------------------------------------------------

TEST(Entities, OrganisationsByAcronymAndFullName) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "L’Organisation du traité de l’Atlantique nord se réunit à Madrid. L’OTAN doit y "
                         "adopter son nouveau concept stratégique, tandis que l’ONU appelle à la retenue. En "
                         "France, la SNCF prévoit des trains supplémentaires et l’Otan des mesures de sécurité.");
    ASSERT_EQ(count_id(found, "o:otan"), 1u) << ids(found);
    EXPECT_EQ(find(found, "o:otan")->name, "OTAN");
    EXPECT_EQ(find(found, "o:otan")->mentions, 3u);
    EXPECT_EQ(find(found, "o:otan")->type, EntityType::kOrganisation);
    EXPECT_NE(find(found, "o:onu"), nullptr) << ids(found);
    EXPECT_NE(find(found, "o:sncf"), nullptr) << ids(found);
    EXPECT_NE(find(found, "l:madrid"), nullptr) << ids(found);
    EXPECT_NE(find(found, "l:france"), nullptr) << ids(found);
  }
}

TEST(Entities, AnAcronymInParenthesesDefinesAnOrganisation) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "L’Institut national du service public (INSP) remplace l’ENA. Les élèves de l’INSP "
                         "feront leur rentrée en mars.");
    ASSERT_NE(find(found, "o:insp"), nullptr) << ids(found);
    EXPECT_EQ(find(found, "o:insp")->mentions, 2u);
    EXPECT_TRUE(has_alias(*find(found, "o:insp"), "Institut national du service public"));
    EXPECT_NE(find(found, "o:ena"), nullptr) << ids(found);
  }
}

// The name before the acronym may be known ("Fratelli d’Italia", its "d’"
// an initial too), or written before without it (a title): one
// organisation either way.
TEST(Entities, AnAcronymInParenthesesJoinsTheNameItAbbreviates) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Giorgia Meloni, cheffe du parti post-fasciste Fratelli d'Italia (FDI), accuse la "
                         "coalition. Le FDI est en tête.");
    ASSERT_NE(find(found, "o:fratelli-d-italia"), nullptr) << ids(found);
    EXPECT_EQ(find(found, "o:fratelli-d-italia")->mentions, 2u);
    EXPECT_EQ(find(found, "o:fdi"), nullptr) << ids(found);
    auto museum = extract(*x,
                          "Le Musée des beaux-arts de Montréal (MBAM) accueille les chefs-d’œuvre. La sculpture "
                          "est déjà dans les salles du MBAM.",
                          "Les impressionnistes exposés au Musée des beaux-arts de Montréal");
    ASSERT_NE(find(museum, "o:mbam"), nullptr) << ids(museum);
    EXPECT_EQ(find(museum, "o:mbam")->mentions, 3u);
    EXPECT_EQ(find(museum, "o:musee-des-beaux-arts-de-montreal"), nullptr) << ids(museum);
    // Written again without its acronym, the whole name is still the
    // organisation, not "Front de libération".
    auto flnc = extract(*x,
                        "Le chef du Front de libération nationale corse (FLNC) a été arrêté. Les attentats avaient "
                        "été revendiqués par le groupe clandestin du Front de libération nationale corse.");
    ASSERT_NE(find(flnc, "o:flnc"), nullptr) << ids(flnc);
    EXPECT_EQ(find(flnc, "o:flnc")->mentions, 2u);
    EXPECT_EQ(find(flnc, "o:front-de-liberation"), nullptr) << ids(flnc);
  }
}

// A person's initials in brackets leave the person's other mentions alone.
TEST(Entities, APersonsInitialsInParenthesesKeepThePerson) {
  SKIP_IF_NO_DATA();
  auto found = extract(*with_data(),
                       "Une enquête vise Patrick Poivre d’Arvor (PPDA), l’ancienne star de TF1. Le parquet a "
                       "ouvert une deuxième enquête visant Patrick Poivre d’Arvor.");
  ASSERT_NE(find(found, "p:patrick-poivre-d-arvor"), nullptr) << ids(found);
  EXPECT_EQ(find(found, "p:patrick-poivre-d-arvor")->mentions, 1u);
}

// The articles tagged by hand (tests/data/entities-gold/): the extractor
// stays at least as good as it was measured when this test was last raised
// (gazette-entity-quality --judged prints the figures). The targets of
// issue 18 are precision 0.95, recall 0.85 and 0.75 for organisations.
TEST(EntitiesOnCorpus, ArticlesTaggedByHandWithData) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  SKIP_IF_NO_DATA();
  std::string error;
  auto articles = bench::read_judged_articles(std::string(GAZETTE_TEST_DATA_DIR) + "/entities-gold/articles.jsonl",
                                              corpus_dir(), error);
  ASSERT_TRUE(articles) << error;
  ASSERT_GE(articles->size(), 100u);
  bench::EntityScore score;
  for (const auto& a : *articles) score.add(bench::score_article(a, with_data()->extract(a.title, a.summary, a.body)));
  EXPECT_GE(score.total(score.tagged), 1100u);
  EXPECT_GE(*score.precision(), 0.945);
  EXPECT_GE(*score.recall(), 0.85);
  EXPECT_GE(*score.recall(EntityType::kOrganisation), 0.76);
  EXPECT_GE(*score.recall(EntityType::kPerson), 0.89);
  EXPECT_GE(*score.recall(EntityType::kPlace), 0.87);
}

// --- no entity from common words -------------------------------------------------------

TEST(Entities, NoEntityFromSentenceStartsMonthsOrWeekdays) {
  for (const auto* x : extractors()) {
    auto found = extract(*x,
                         "Le gouvernement a présenté lundi son projet de loi. Mais Selon les syndicats, le compte "
                         "n’y est pas. Lundi, la mobilisation a réuni des milliers de personnes. Mars a été marqué "
                         "par une inflation record. Mardi Gras tombe cette année le 1er mars. Ainsi Donc la "
                         "réforme attendra. Pourtant, Rien N’est Joué. Covid-19 : Les Chiffres Du Jour.",
                         "Réforme des retraites : Le Gouvernement Face Aux Syndicats");
    EXPECT_TRUE(found.empty()) << ids(found);
  }
}

TEST(Entities, CapitalisedWordsOfTitlesAreNotPeople) {
  for (const auto* x : extractors()) {
    auto found = extract(*x, "Des Signes d’un Partenariat Approfondi. Discussions Sur La Sécurité Nationale",
                         "Une Alliance Stratégique Se Dessine");
    EXPECT_TRUE(found.empty()) << ids(found);
  }
}

// --- the shared corpus -------------------------------------------------------------------

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EntitiesOnCorpus, KimJongUnAndChoigouArticle) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  std::string text = read_file(corpus_dir() + "/text/kim-jong-un-choigou.txt");
  ASSERT_FALSE(text.empty());
  for (const auto* x : extractors()) {
    auto found = x->extract("", "", text);
    for (const char* id : {"p:kim-jong-un", "p:serguei-choigou", "l:russie", "l:coree-du-nord", "o:otan", "l:ukraine"})
      EXPECT_EQ(count_id(found, id), 1u) << id << " in " << ids(found);
    const Entity* kim = find(found, "p:kim-jong-un");
    ASSERT_NE(kim, nullptr);
    EXPECT_EQ(kim->name, "Kim Jong-un");
    EXPECT_TRUE(has_alias(*kim, "Kim Jong Un"));  // the title, in Title Case
    const Entity* choigou = find(found, "p:serguei-choigou");
    ASSERT_NE(choigou, nullptr);
    EXPECT_TRUE(has_alias(*choigou, "Choïgou"));
    // Nothing else is a person: the capitalised headings are not names.
    for (const auto& e : found) {
      if (e.type == EntityType::kPerson) {
        EXPECT_TRUE(e.id == "p:kim-jong-un" || e.id == "p:serguei-choigou") << e.id;
      }
    }
  }
}

// Le Monde articles, read from the shared corpus by id.
std::map<std::string, nlohmann::json> read_articles(const std::vector<std::string>& wanted) {
  std::map<std::string, nlohmann::json> out;
  gzFile file = gzopen((corpus_dir() + "/lemonde2022.jsonl.gz").c_str(), "rb");
  if (!file) return out;
  std::string line;
  char buffer[1 << 16];
  while (out.size() < wanted.size() && gzgets(file, buffer, sizeof buffer)) {
    line += buffer;
    if (line.back() != '\n') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (j.is_discarded()) continue;
    std::string id = j.value("id", "");
    if (std::find(wanted.begin(), wanted.end(), id) != wanted.end()) out[id] = j;
  }
  gzclose(file);
  return out;
}

std::vector<Entity> extract_article(const EntityExtractor& x, const nlohmann::json& a) {
  return x.extract(a.value("title", ""), a.value("summary", ""), a.value("body", ""));
}

TEST(EntitiesOnCorpus, LeMondeArticles) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  auto articles = read_articles({"lm-6107841", "lm-6107890"});
  ASSERT_EQ(articles.size(), 2u);
  for (const auto* x : extractors()) {
    // "Le ministre de l’éducation, Jean-Michel Blanquer, à l’Elysée", "le premier
    // ministre, Jean Castex", "la « ligne Blanquer »", a photo credit in capitals.
    auto blanquer = extract_article(*x, articles["lm-6107841"]);
    ASSERT_NE(find(blanquer, "p:jean-michel-blanquer"), nullptr) << ids(blanquer);
    EXPECT_GE(find(blanquer, "p:jean-michel-blanquer")->mentions, 3u);
    EXPECT_NE(find(blanquer, "p:jean-castex"), nullptr) << ids(blanquer);
    EXPECT_NE(find(blanquer, "o:elysee"), nullptr) << ids(blanquer);
    // "LUDOVIC MARIN / AFP": a photo credit names no one, not even the agency.
    EXPECT_EQ(find(blanquer, "p:ludovic-marin"), nullptr) << "a photo credit: " << ids(blanquer);
    EXPECT_EQ(find(blanquer, "o:afp"), nullptr) << "a photo credit: " << ids(blanquer);
    // "La France, qui veut relancer sa filière nucléaire, et des pays d’Europe
    // centrale, comme la Pologne ou la République tchèque"; "d’après plusieurs
    // sources contactées par l’Agence France-Presse (AFP)".
    auto nuclear = extract_article(*x, articles["lm-6107890"]);
    for (const char* id :
         {"o:commission-europeenne", "l:france", "l:pologne", "l:tchequie", "l:allemagne", "o:afp", "l:bruxelles"})
      EXPECT_NE(find(nuclear, id), nullptr) << id << " in " << ids(nuclear);
    EXPECT_EQ(find(nuclear, "l:tchequie")->name, "Tchéquie");
    EXPECT_TRUE(has_alias(*find(nuclear, "l:tchequie"), "République tchèque"));
    // The German and Austrian ministers, named after their role.
    EXPECT_NE(find(nuclear, "p:steffi-lemke"), nullptr) << ids(nuclear);
    EXPECT_NE(find(nuclear, "p:leonore-gewessler"), nullptr) << ids(nuclear);
  }
}

// --- lookup ----------------------------------------------------------------------------

TEST(Entities, LookupMapsNamesToIds) {
  const EntityExtractor& x = bare();
  for (const char* name : {"USA", "états-unis", "RPDC", "Corée du Nord", "otan", "Royaume-Uni", "SNCF"})
    ASSERT_TRUE(x.lookup(name).has_value()) << name;
  EXPECT_EQ(x.lookup("USA")->id, "l:etats-unis");
  EXPECT_EQ(x.lookup("états-unis")->id, "l:etats-unis");
  EXPECT_EQ(x.lookup("RPDC")->id, "l:coree-du-nord");
  EXPECT_EQ(x.lookup("Corée du Nord")->name, "Corée du Nord");
  EXPECT_EQ(x.lookup("otan")->id, "o:otan");
  EXPECT_EQ(x.lookup("Organisation du traité de l'Atlantique nord")->id, "o:otan");
  EXPECT_EQ(x.lookup("Royaume-Uni")->type, EntityType::kPlace);
  EXPECT_EQ(x.lookup("SNCF")->type, EntityType::kOrganisation);
  EXPECT_FALSE(x.lookup("mardi").has_value());
  EXPECT_FALSE(x.lookup("").has_value());
  auto usa = x.lookup("USA");
  EXPECT_NE(std::find(usa->aliases.begin(), usa->aliases.end(), "États-Unis"), usa->aliases.end());
}

TEST(Entities, LookupOfPeopleWithData) {
  SKIP_IF_NO_DATA();
  const EntityExtractor& x = *with_data();
  for (const char* name : {"Kim Jong Un", "KIM JONG-UN", "Kim Jong-un"}) {
    ASSERT_TRUE(x.lookup(name).has_value()) << name;
    EXPECT_EQ(x.lookup(name)->id, "p:kim-jong-un");
  }
  ASSERT_TRUE(x.lookup("Emmanuel Macron").has_value());
  EXPECT_EQ(x.lookup("Emmanuel Macron")->type, EntityType::kPerson);
  ASSERT_TRUE(x.lookup("Tourcoing").has_value());
  EXPECT_EQ(x.lookup("Tourcoing")->id, "l:tourcoing");
  // Topics are not people: "JO de Pékin 2022", "Santé mentale".
  EXPECT_FALSE(x.lookup("JO de Pékin 2022").has_value());
  EXPECT_FALSE(x.lookup("Santé mentale").has_value());
}

TEST(Entities, EmptyAndOddInput) {
  EXPECT_TRUE(bare().extract("", "", "").empty());
  EXPECT_TRUE(bare().extract("!!!", "", "« » — 2022 ; 12 %").empty());
  auto found = bare().extract("", "", std::string("Paris\xFF\xFE Londres"));
  EXPECT_NE(find(found, "l:londres"), nullptr) << ids(found);
}

}  // namespace
}  // namespace gazette
