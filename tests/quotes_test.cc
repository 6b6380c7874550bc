// Quote extraction (entities/quotes.h) on real paragraphs of the shared
// corpus, each with its article id; "adapted" says where one was changed.
// The people lists are what EntityExtractor gives for those articles (names
// and written forms), cut to the people of the paragraph.
#include "entities/quotes.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace gazette {
namespace {

using Said = std::vector<std::pair<std::string, std::string>>;  // quote text, speaker

// Checks what every quote must satisfy, then returns (text, speaker) pairs.
Said said(std::string_view text, const std::vector<std::string>& people = {}) {
  Said out;
  for (const Quote& q : extract_quotes(text, people)) {
    EXPECT_LE(q.begin, q.end);
    EXPECT_LE(q.end, text.size());
    EXPECT_EQ(q.text, text.substr(q.begin, q.end - q.begin));
    if (q.speaker.empty()) {
      EXPECT_EQ(q.speaker_begin, 0u);
      EXPECT_EQ(q.speaker_end, 0u);
    } else {
      EXPECT_LT(q.speaker_begin, q.speaker_end);
      EXPECT_LE(q.speaker_end, text.size());
    }
    out.emplace_back(q.text, q.speaker);
  }
  return out;
}

std::string between(std::string_view text, size_t begin, size_t end) {
  return std::string(text.substr(begin, end - begin));
}

TEST(Quotes, GuillemetsThenVerbAndTitledSurname) {
  // lm-6108897
  const std::string text =
      "Sur ce plan, Olivier Véran s’est abstenu de s’avancer sur la date d’un pic éventuel mais a remarqué que "
      "des signes encourageants venaient du Royaume-Uni, où Omicron s’est répandu avant la France. « Dans la région "
      "londonienne, là où il a frappé en premier, il baisse », a noté M. Véran citant aussi l’Afrique du Sud.";
  const std::vector<Quote> quotes = extract_quotes(text, {"Olivier Véran", "Véran"});
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].text, "Dans la région londonienne, là où il a frappé en premier, il baisse");
  EXPECT_EQ(quotes[0].speaker, "Olivier Véran");  // "M. Véran" stands for the full name
  EXPECT_EQ(between(text, quotes[0].speaker_begin, quotes[0].speaker_end), "Véran");
  EXPECT_GT(quotes[0].speaker_begin, quotes[0].end);  // the occurrence after the quote, not the first one
}

TEST(Quotes, StraightQuotesAndPronounPointingBack) {
  // CNT000001hgbTW
  const std::string text =
      "Elle était convoquée mardi matin pour un interrogatoire de première comparution, dans le cadre d'une "
      "instruction ouverte en février pour \"publication d'actes de procédure pénale avant leur lecture en audience "
      "publique\". \"Elle a excipé (fait valoir, NDLR) de son immunité parlementaire dans un dossier qui porte "
      "directement atteinte à la liberté d'expression\", a déclaré à l'AFP son avocat, Me Rodolphe Bosselut. \"Je "
      "n'ai jamais vu un acharnement judiciaire de cette ampleur\", a-t-il ajouté.";
  const std::vector<std::string> people = {"Rodolphe Bosselut"};
  EXPECT_EQ(said(text, people),
            (Said{{"publication d'actes de procédure pénale avant leur lecture en audience publique", ""},
                  {"Elle a excipé (fait valoir, NDLR) de son immunité parlementaire dans un dossier qui porte "
                   "directement atteinte à la liberté d'expression",
                   "Rodolphe Bosselut"},
                  {"Je n'ai jamais vu un acharnement judiciaire de cette ampleur", "Rodolphe Bosselut"}}));
  const Quote last = extract_quotes(text, people).back();
  EXPECT_LT(last.speaker_end, last.begin);  // "il" points back to the name before the quote
  EXPECT_EQ(between(text, last.speaker_begin, last.speaker_end), "Rodolphe Bosselut");
}

TEST(Quotes, Selon) {
  // CNT000001qrMpN: after the quote.
  EXPECT_EQ(said("L'ancien maire de 71 ans, libéré à la mi-février pour raisons de santé après cinq mois en détention, "
                 "\"compte venir à l'audience\", selon son avocat, Romain Dieudonné. La présence de son épouse, "
                 "affaiblie, est plus incertaine, selon son conseil, Pierre-Olivier Sur.",
                 {"Romain Dieudonné", "Pierre-Olivier Sur"}),
            (Said{{"compte venir à l'audience", "Romain Dieudonné"}}));
  // lm-6112078: before it.
  EXPECT_EQ(said("Selon Olivier Véran, « au moins un Français sur deux » a eu le Covid-19 depuis le début de "
                 "l’épidémie, qui a démarré il y a quasiment deux ans.",
                 {"Olivier Véran"}),
            (Said{{"au moins un Français sur deux", "Olivier Véran"}}));
}

TEST(Quotes, NameOrSubjectBeforeTheQuote) {
  // CNT000000uhYIi: "X : «".
  EXPECT_EQ(said("Pierre Niney : \"J'aime beaucoup l'idée de base de cette série\"", {"Pierre Niney"}),
            (Said{{"J'aime beaucoup l'idée de base de cette série", "Pierre Niney"}}));
  // CNT000001rcfEW: a subject, a verb of saying, a few words and a colon.
  EXPECT_EQ(said("Et le ministre allemand des Affaires étrangères Heiko Maas a tweeté son soutien aux LGBT du monde "
                 "entier: \"Soyez fiers de vous! Peu importe qui vous aimez, peu importe où vous vivez\".",
                 {"Heiko Maas"}),
            (Said{{"Soyez fiers de vous! Peu importe qui vous aimez, peu importe où vous vivez", "Heiko Maas"}}));
  // lm-6106124: "Et X de compléter : «".
  EXPECT_EQ(said("Et le maire de Fournès, Thierry Boudinaud, de compléter : « Il s’agissait d’un investissement de 80 "
                 "millions d’euros sur le territoire. Pour notre petite communauté de communes, ce n’était pas "
                 "anodin. » La société Argan, promoteur immobilier qui portait le programme, contactée, mardi 14 "
                 "décembre, par téléphone, « n’a pas de commentaire à faire sur cette décision ».",
                 {"Thierry Boudinaud"}),
            (Said{{"Il s’agissait d’un investissement de 80 millions d’euros sur le territoire. Pour notre petite "
                   "communauté de communes, ce n’était pas anodin.",
                   "Thierry Boudinaud"},
                  {"n’a pas de commentaire à faire sur cette décision", ""}}));
  // lm-6107802: an inverted verb before the colon.
  EXPECT_EQ(said("Les candidats viennent d’un vivier un peu plus large qu’en France, note Peter Ricketts, ancien "
                 "ambassadeur du Royaume-Uni à Paris, qui a fait toute sa carrière au Foreign Office : « Parce qu’il "
                 "n’y a pas de système de préparation de type ENA, les candidats viennent soit directement des "
                 "universités. »",
                 {"Peter Ricketts"}),
            (Said{{"Parce qu’il n’y a pas de système de préparation de type ENA, les candidats viennent soit "
                   "directement des universités.",
                   "Peter Ricketts"}}));
}

TEST(Quotes, RoleThenNameInApposition) {
  // lm-6114259
  EXPECT_EQ(said("Le président de la Fédération de Russie, Vladimir Poutine, « a donné ordre [à son ministre des "
                 "situations d’urgence] de se rendre d’urgence dans la région de Rostov », a déclaré le porte-parole "
                 "du Kremlin, Dmitri Peskov.",
                 {"Vladimir Poutine", "Dmitri Peskov"}),
            (Said{{"a donné ordre [à son ministre des situations d’urgence] de se rendre d’urgence dans la région "
                   "de Rostov",
                   "Dmitri Peskov"}}));
}

TEST(Quotes, QuotesOfOneSentenceShareTheSpeaker) {
  // CNT000001qFhNK: "« A » mais désormais « B », a déclaré X".
  EXPECT_EQ(said("\"On ne connaissait rien de ce virus il y a 3 ou 4 mois\" mais désormais \"on sait que les enfants "
                 "sont moins porteurs, ils sont moins contaminants\", a déclaré vendredi sur RTL, le professeur Robert "
                 "Cohen, pédiatre infectiologue à l'hôpital intercommunal de Créteil.",
                 {"Robert Cohen"}),
            (Said{{"On ne connaissait rien de ce virus il y a 3 ou 4 mois", "Robert Cohen"},
                  {"on sait que les enfants sont moins porteurs, ils sont moins contaminants", "Robert Cohen"}}));
  // lm-6108120: "« A », a fustigé X : « B »", a title and a surname without a list of people.
  EXPECT_EQ(said("« Il n’y a jamais eu de volonté politique de la part de l’UA », a fustigé Me Ndiaye : « S’il y a "
                 "du retard, c’est seulement parce que les anciens présidents de l’UA n’ont pas posé les actes » qui "
                 "auraient permis à ce fonds d’opérer."),
            (Said{{"Il n’y a jamais eu de volonté politique de la part de l’UA", "Ndiaye"},
                  {"S’il y a du retard, c’est seulement parce que les anciens présidents de l’UA n’ont pas posé les "
                   "actes",
                   "Ndiaye"}}));
}

TEST(Quotes, AttributionInsideTheQuote) {
  // lm-6146340
  EXPECT_EQ(said("« C’est une manière de couper toute possibilité d’identification ou d’empathie, analyse Marie "
                 "Peltier, autrice d’Obsession. Le but est de nous empêcher d’être touchés par ce qui se passe. »",
                 {"Marie Peltier"}),
            (Said{{"C’est une manière de couper toute possibilité d’identification ou d’empathie, analyse Marie "
                   "Peltier, autrice d’Obsession. Le but est de nous empêcher d’être touchés par ce qui se passe.",
                   "Marie Peltier"}}));
  // lm-6107824, without a list of people: a particle in the name.
  EXPECT_EQ(said("« Il y a une grande prolifération d’églises dites nouvelles, en particulier évangéliques, tenues "
                 "par des Brésiliens, confirme Miguel de Barros, sociologue bissau-guinéen. Ils recherchent les zones "
                 "les plus reculées. »"),
            (Said{{"Il y a une grande prolifération d’églises dites nouvelles, en particulier évangéliques, tenues "
                   "par des Brésiliens, confirme Miguel de Barros, sociologue bissau-guinéen. Ils recherchent les "
                   "zones les plus reculées.",
                   "Miguel de Barros"}}));
}

TEST(Quotes, NestedMarksStayInTheText) {
  // lm-6108761: two paragraphs; "elle" is the last person named.
  EXPECT_EQ(said("Samedi, la candidate socialiste, Anne Hidalgo a, elle, constaté l’échec actuel de sa proposition "
                 "de primaire à gauche, en pointant tout particulièrement le candidat écologiste.\n\n« Je ne dis pas "
                 "“c’est fini aujourd’hui” », a-t-elle complété dimanche sur CNews et Europe 1, en évoquant la "
                 "Primaire populaire : « Le 15 janvier nous verrons qui souhaiterait participer ou pas. »",
                 {"Anne Hidalgo"}),
            (Said{{"Je ne dis pas “c’est fini aujourd’hui”", "Anne Hidalgo"},
                  {"Le 15 janvier nous verrons qui souhaiterait participer ou pas.", "Anne Hidalgo"}}));
}

TEST(Quotes, UnknownSpeakerStaysEmpty) {
  // lm-6110573: a role is no name, and "elle" after it is not guessed.
  EXPECT_EQ(said("Valérie Pécresse, la candidate des Républicains à l’élection présidentielle a successivement reçu "
                 "l’investiture des Centristes.\n\n« Mon projet est de droite, il est de rupture, mais il est 100 % "
                 "compatible avec vos valeurs », a assuré la candidate. « La famille de la droite et du centre est "
                 "prête à aller bâtir l’alternance », a-t-elle ajouté devant l’UDI.",
                 {"Valérie Pécresse"}),
            (Said{{"Mon projet est de droite, il est de rupture, mais il est 100 % compatible avec vos valeurs", ""},
                  {"La famille de la droite et du centre est prête à aller bâtir l’alternance", ""}}));
  // CNT000001nIhxd: the lawyer of X is not X.
  EXPECT_EQ(said("\"La loi punit de la même façon ceux qui diffusent initialement et ceux qui relaient\", a affirmé "
                 "l'avocat de Benjamin Griveaux ajoutant que tous \"seront poursuivis pour la diffusion de cette "
                 "vidéo\"",
                 {"Benjamin Griveaux"}),
            (Said{{"La loi punit de la même façon ceux qui diffusent initialement et ceux qui relaient", ""},
                  {"seront poursuivis pour la diffusion de cette vidéo", ""}}));
  // CNT000001rgDjh: a plural subject.
  EXPECT_EQ(said("\"Le décès de 13 personnes a été confirmé et six autres ont également été blessées\", ont-ils "
                 "ajouté, avant de faire état plus tard d'un nouveau bilan de 18 morts."),
            (Said{{"Le décès de 13 personnes a été confirmé et six autres ont également été blessées", ""}}));
  // CNT000001qn0x6: "il" is the mayor ("l'édile"), named paragraphs before; not the president named last.
  EXPECT_EQ(said("\"Nous sommes déjà confinés depuis près de deux mois, chaque jour de plus est un sacrifice\", "
                 "poursuit l'édile, dont les efforts sont constamment sapés par les appels répétés au déconfinement "
                 "du président d'extrême droite Jair Bolsonaro.\n\n\"Cela fait vraiment du tort au pays\", "
                 "lâche-t-il.",
                 {"Jair Bolsonaro", "Bruno Covas"}),
            (Said{{"Nous sommes déjà confinés depuis près de deux mois, chaque jour de plus est un sacrifice", ""},
                  {"Cela fait vraiment du tort au pays", ""}}));
}

TEST(Quotes, PronounSkipsComplementsAndChecksGender) {
  // CNT000001r2vWs: "Mme Ndiaye" comes last, but after "de".
  EXPECT_EQ(said("Plus inattendu, l'eurodéputé LR François-Xavier Bellamy a aussi pris la défense de Mme Ndiaye. "
                 "\"Je pense qu'on lui ferait un mauvais procès en se fondant uniquement sur cet extrait\", a-t-il "
                 "mis en garde sur Sud Radio.",
                 {"François-Xavier Bellamy", "Sibeth Ndiaye", "Ndiaye"}),
            (Said{{"Je pense qu'on lui ferait un mauvais procès en se fondant uniquement sur cet extrait",
                   "François-Xavier Bellamy"}}));
  // CNT000001tdUvd: the last name is "Mme Borne", and "il" is not her.
  EXPECT_EQ(said("Pour M. Boeldieu, Mme Borne \"ne pouvait plus assumer l'incohérence sur la question du port du "
                 "masque\", a-t-il fait valoir, qualifiant de \"victoire\" la démission de M. Struillou.",
                 {"Julien Boeldieu", "Boeldieu", "Elisabeth Borne", "Borne"}),
            (Said{{"ne pouvait plus assumer l'incohérence sur la question du port du masque", ""}}));
}

TEST(Quotes, PronounAfterAnInciseIsTheInciseSpeaker) {
  // lm-6143677: "il" is the person the incise names, not the last name outside quotes.
  EXPECT_EQ(
      said("« Tout le monde doit être en alerte maximale », a renchéri Jennifer Granholm, secrétaire d’Etat "
           "américaine à l’énergie.\n\nA cet état de fébrilité s’ajoute le sentiment qu’une page se tourne. « Hier "
           "encore, nous avions l’espoir que ces gazoducs puissent un jour redémarrer, explique Thierry Chapuis, "
           "délégué général de l’Association française du gaz. A présent, nous sommes en droit de penser que cela "
           "ne pourra avoir lieu que dans un futur lointain », ajoute-t-il.",
           {"Jennifer Granholm", "Thierry Chapuis"}),
      (Said{{"Tout le monde doit être en alerte maximale", "Jennifer Granholm"},
            {"Hier encore, nous avions l’espoir que ces gazoducs puissent un jour redémarrer, explique Thierry "
             "Chapuis, délégué général de l’Association française du gaz. A présent, nous sommes en droit de "
             "penser que cela ne pourra avoir lieu que dans un futur lointain",
             "Thierry Chapuis"}}));
}

TEST(Quotes, UnnamedSubjectBeforeAQuoteBlocksLaterPronouns) {
  // lm-6137005: "il" is "le ministère de la défense", not Tsai Ing-wen ("la présidente": a woman).
  EXPECT_EQ(said("« Devant des menaces militaires délibérément accrues, Taïwan ne reculera pas », a réagi mercredi la "
                 "présidente taïwanaise, Tsai Ing-wen. « Nous allons (…) continuer à défendre la démocratie », "
                 "a-t-elle affirmé.\n\nAprès les incursions aériennes chinoises, le ministère de la défense taïwanais "
                 "a dénoncé « une tentative de menacer nos ports et nos zones urbaines importantes ». « L’armée va "
                 "assurément rester à son poste et protéger la sécurité nationale », a-t-il ajouté.",
                 {"Tsai Ing-wen"}),
            (Said{{"Devant des menaces militaires délibérément accrues, Taïwan ne reculera pas", "Tsai Ing-wen"},
                  {"Nous allons (…) continuer à défendre la démocratie", "Tsai Ing-wen"},
                  {"une tentative de menacer nos ports et nos zones urbaines importantes", ""},
                  {"L’armée va assurément rester à son poste et protéger la sécurité nationale", ""}}));
}

TEST(Quotes, NamesInBracketsAndAfterInstitutionsAreNoSpeakers) {
  // CNT000000t8nMy: "il" is M. Macron, not the last name of the list in brackets.
  EXPECT_EQ(
      said("M. Macron est le huitième ministre à claquer la porte sous la présidence de François Hollande (après "
           "Arnaud Montebourg, Cécile Duflot ou encore Christiane Taubira). Il avait déjà justifié son départ. "
           "\"Je souhaite entamer une nouvelle étape de mon combat\" politique et \"construire un projet qui serve "
           "uniquement l'intérêt général\", a-t-il déclaré.",
           {"Emmanuel Macron", "Macron", "François Hollande", "Arnaud Montebourg", "Cécile Duflot",
            "Christiane Taubira"}),
      (Said{{"Je souhaite entamer une nouvelle étape de mon combat", ""},
            {"construire un projet qui serve uniquement l'intérêt général", "Emmanuel Macron"}}));
  // CNT000001pZBiy: "l'hôpital Tor Vergata" is no person, even when the list of people says so.
  EXPECT_EQ(said("Des précautions sur lesquelles insiste également Silvia Quattrociocche, directrice générale de "
                 "l'hôpital Tor Vergata, qui prévient que \"si nous ne faisons pas attention, le nombre de malades "
                 "pourrait de nouveau augmenter\".\n\n\"J'invite donc tout le monde à respecter les précautions\", "
                 "conclut-elle.",
                 {"Silvia Quattrociocche", "Tor Vergata"}),
            (Said{{"si nous ne faisons pas attention, le nombre de malades pourrait de nouveau augmenter",
                   "Silvia Quattrociocche"},
                  {"J'invite donc tout le monde à respecter les précautions", "Silvia Quattrociocche"}}));
}

TEST(Quotes, InvertedVerbAfterANameIsNotItsVerb) {
  // CNT000001qsdix: "…, Olivier Véran, explique le ministère": the ministry speaks.
  EXPECT_EQ(said("Le décret paru au JO \"tire les conclusions de l'avis du Haut conseil de la santé publique\", "
                 "lui-même saisi par le ministre de la Santé Olivier Véran, explique le ministère, en soulignant que "
                 "\"la France a été marquée par des drames sanitaires liés au mésusage de certains médicaments\".",
                 {"Olivier Véran"}),
            (Said{{"tire les conclusions de l'avis du Haut conseil de la santé publique", ""},
                  {"la France a été marquée par des drames sanitaires liés au mésusage de certains médicaments", ""}}));
  // lm-6112969: "X avait souligné que « A », estimant que « B »": B is X's too.
  EXPECT_EQ(
      said("Le procureur général, Franck Rastoul, avait souligné que Claire « a eu plusieurs enfants à des "
           "périodes différentes de sa vie », estimant que « le choix du sexe du parent n’est plus tributaire de "
           "la fonction de reproduction ».",
           {"Franck Rastoul"}),
      (Said{{"a eu plusieurs enfants à des périodes différentes de sa vie", "Franck Rastoul"},
            {"le choix du sexe du parent n’est plus tributaire de la fonction de reproduction", "Franck Rastoul"}}));
}

TEST(Quotes, ScareQuotesTitlesAndHeadingsAreNotQuotes) {
  // lm-6107841: « ligne Blanquer », « alerte sociale » are too short; « Le sens de l’école » is a heading.
  const std::string text =
      "Le gouvernement resserre les rangs autour de la « ligne Blanquer » : « Nous ne reporterons pas la rentrée », "
      "a fait savoir le premier ministre, Jean Castex, le 27 décembre.\n\nDes mots d’ordre d’« alerte sociale » et "
      "des appels à la grève ont commencé à circuler.\n\n« Le sens de l’école »\n\nAttentiste, M. Blanquer ?";
  EXPECT_EQ(said(text, {"Jean Castex", "Jean-Michel Blanquer", "Blanquer"}),
            (Said{{"Nous ne reporterons pas la rentrée", "Jean Castex"}}));
  // CNT000001naiVx: three words are not a quote either.
  EXPECT_EQ(said("Philippe Saurel a annoncé qu'il allait déposer une plainte contre la ministre de la Justice, Nicole "
                 "Belloubet, pour \"prise illégale d'intérêt\".",
                 {"Philippe Saurel", "Nicole Belloubet"}),
            Said{});
  // CNT000001q6S2d and lm-6137887: titles of works, by the word before them or a year after them.
  EXPECT_EQ(said("Le photographe libanais a réuni ses clichés sur Facebook en un album intitulé \"Les envahisseurs de "
                 "Beyrouth\".\n\nExtrait du court-métrage « Le Chant du styrène » (1958), d’Alain Resnais."),
            Said{});
}

TEST(Quotes, ApostrophesAndAccents) {
  // CNT000000LOThe: the list writes ’, the text '; "qui explique que" before a quote.
  const std::vector<std::string> people = {"Louis d’Hendecourt"};
  EXPECT_EQ(said("La traîne a pu être observée sur près de 700 kilomètres parce que l'angle d'entrée était "
                 "\"certainement très peu ouvert\", selon Louis d'Hendecourt qui explique que \"ces chutes ne sont "
                 "pas rares, mais il est très rare de les observer\".",
                 people),
            (Said{{"certainement très peu ouvert", "Louis d’Hendecourt"},
                  {"ces chutes ne sont pas rares, mais il est très rare de les observer", "Louis d’Hendecourt"}}));
}

TEST(Quotes, NoBreakSpacesInsideGuillemets) {
  // lm-6108897, adapted: narrow (U+202F) and ordinary (U+00A0) no-break spaces inside the marks.
  const std::string narrow = "\u202F", nbsp = "\u00A0";
  EXPECT_EQ(said("«" + narrow + "Dans la région londonienne, là où il a frappé en premier, il baisse" + narrow +
                     "», a noté M.\u00A0Véran.",
                 {"Olivier Véran", "Véran"}),
            (Said{{"Dans la région londonienne, là où il a frappé en premier, il baisse", "Olivier Véran"}}));
  EXPECT_EQ(said("«" + nbsp + "Dans la région londonienne, là où il a frappé en premier, il baisse" + nbsp +
                     "», a noté M. Véran.",
                 {"Olivier Véran", "Véran"}),
            (Said{{"Dans la région londonienne, là où il a frappé en premier, il baisse", "Olivier Véran"}}));
}

TEST(Quotes, UnbalancedMarks) {
  // CNT000001rj1HC: the first " of the last paragraph is never closed.
  EXPECT_EQ(said("Interrogé jeudi matin sur RTL, Olivier Véran a mis l'accent sur l'importance de la somme proposée "
                 "par le gouvernement.\n\n\"Bien sûr, on vient de loin et c'est pour ça que cet effort est colossal, "
                 "a-t-il insisté. Il a assuré que la négociation n'était pas close : \"On va se revoir, signe qu'on "
                 "discute\".",
                 {"Olivier Véran"}),
            (Said{{"On va se revoir, signe qu'on discute", "Olivier Véran"}}));
  // lm-6107824: a « left open at the end of its paragraph is no quote, nor does it swallow the next one.
  EXPECT_EQ(
      said("« On ne pêche et on ne chasse que ce dont on a besoin. On ne tue pas pour tuer, explique Caintanio "
           "Depina, le représentant du roi.\n\n« Les religions modernes libèrent les gens, leur permettent "
           "d’aller à l’école », justifie-t-il."),
      (Said{{"Les religions modernes libèrent les gens, leur permettent d’aller à l’école", "Caintanio Depina"}}));
  EXPECT_EQ(said("» « \" “ ” » \" «"), Said{});
  EXPECT_EQ(said("Il a dit : « un deux trois quatre"), Said{});
}

TEST(Quotes, CapitalsAloneWithoutPeople) {
  // CNT000001rj1HC
  EXPECT_EQ(said("\"Le montant qui nous est proposé reste très insuffisant\", a assuré Jacques Trévidic, président "
                 "d'Action praticiens hôpital (APH). \"On a déposé des contre-propositions ce matin\", chiffrées \"à "
                 "un milliard d'euros. On espère des avancées\", a-t-il ajouté."),
            (Said{{"Le montant qui nous est proposé reste très insuffisant", "Jacques Trévidic"},
                  {"On a déposé des contre-propositions ce matin", ""},
                  {"à un milliard d'euros. On espère des avancées", "Jacques Trévidic"}}));
}

TEST(Quotes, InvalidUtf8AndArbitraryBytes) {
  // lm-6108897, adapted: invalid bytes around and inside the quote.
  const std::string text =
      "\xFF\xC3 Selon M. V\xE9ran, \xC2\xAB au moins un Fran\xC3 \xE2\x82 sur deux \xC2\xBB a eu le Covid\xF0\x9F";
  const std::vector<Quote> quotes = extract_quotes(text, {"Olivier Véran"});
  ASSERT_EQ(quotes.size(), 1u);
  EXPECT_EQ(quotes[0].text, "au moins un Fran\xC3 \xE2\x82 sur deux");
  // Random bytes drawn mostly from quote marks, letters and punctuation: the invariants of said() hold.
  const std::string pieces[] = {
      "\xC2\xAB", "\xC2\xBB", "\"",          "\xE2\x80\x9C", "\xE2\x80\x9D", " ",    ",",    ".", ":", "\n",
      "a",        "M.",       " a-t-il dit", " Jean Dupont", "\xE2\x80\xAF", "\xC3", "\xFF", "é"};
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    for (int k = 0; k < 200; ++k) bytes += pieces[rng() % std::size(pieces)];
    said(bytes, {"Jean Dupont"});
    said(bytes);
  }
}

TEST(Quotes, LongInputsStayLinear) {
  // 100,000 quotes in one paragraph without a full stop; 1 MB of quote marks; 200,000 capitalised words in a
  // row, a known name in every three; 50,000 quotes with an incise.
  std::string many, marks(1 << 20, '"'), capitals = "\"un deux trois quatre\", a dit ", incises;
  for (int k = 0; k < 100000; ++k) many += "\"un deux trois quatre\", a dit Jean Dupont, ";
  for (size_t k = 0; k < marks.size(); k += 3) marks[k] = ' ';
  for (int k = 0; k < 70000; ++k) capitals += "Marc Jean Dupont ";
  for (int k = 0; k < 50000; ++k) incises += "« un deux trois quatre, dit Marc Jean Dupont, cinq » ";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(extract_quotes(many, {"Jean Dupont"}).size(), 100000u);
  EXPECT_TRUE(extract_quotes(marks).empty());
  EXPECT_EQ(extract_quotes(capitals, {"Jean Dupont"}).size(), 1u);
  EXPECT_EQ(extract_quotes(incises, {"Jean Dupont"}).size(), 50000u);
  // A quadratic reading would take hours; this takes 0.3 s optimised, 5 s in a debug build with sanitizers.
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 60.0);
}

}  // namespace
}  // namespace gazette
