#include "entities/quote_lexicon.h"

#include <iterator>
#include <string>
#include <unordered_map>

namespace gazette::quoting {
namespace {

const WordSet& adverbs() {
  static const WordSet set = {
      "ainsi",       "encore",   "aussi",     "également", "notamment", "alors",  "ensuite", "toutefois", "cependant",
      "néanmoins",   "pourtant", "enfin",     "même",      "déjà",      "plus",   "bien",    "tout",      "hier",
      "aujourd'hui", "aussitôt", "longtemps", "souvent",   "toujours",  "jamais", "pas",     "ne",        "n'",
      "lui",         "leur",     "l'",        "les",       "y",         "en",     "nous",    "vous",      "me",
      "m'",          "te",       "t'",        "ailleurs",  "d'",        "par"};
  return set;
}

const std::unordered_map<std::string, uint8_t>& speech_verbs() {
  static const std::unordered_map<std::string, uint8_t> forms = [] {
    std::unordered_map<std::string, uint8_t> m;
    // -er verbs by stem; stems whose accent changes are given twice.
    static const char* const kErStems[] = {
        "déclar",   "expliqu",  "ajout",   "indiqu",   "précis",   "soulign",   "comment",  "affirm",      "assur",
        "estim",    "lanc",     "annonc",  "insist",   "tweet",    "twitt",     "confi",    "dénonc",      "déplor",
        "rappel",   "rappell",  "martel",  "martèl",   "détaill",  "racont",    "plaid",    "regrett",     "justifi",
        "résum",    "abond",    "témoign", "salu",     "rétorqu",  "répét",     "répèt",    "accus",       "not",
        "constat",  "fustig",   "avanc",   "concéd",   "concèd",   "lâch",      "assén",    "assèn",       "clam",
        "analys",   "observ",   "raill",   "proclam",  "relat",    "ironis",    "tranch",   "répliqu",     "alert",
        "souffl",   "gliss",    "soupir",  "relev",    "relèv",    "rapport",   "nuanc",    "point",       "interrog",
        "demand",   "complét",  "complèt", "considér", "considèr", "jug",       "révél",    "révèl",       "confirm",
        "argument", "avou",     "énumér",  "exhort",   "invoqu",   "jur",       "mentionn", "prôn",        "rassur",
        "réclam",   "remarqu",  "signal",  "exclam",   "félicit",  "indign",    "insurg",   "étonn",       "inquiét",
        "inquièt",  "agac",     "désol",   "lament",   "remémor",  "alarm",     "amus",     "enthousiasm", "emport",
        "emball",   "tacl",     "cingl",   "moqu",     "tempêt",   "fulmin",    "pest",     "évoqu",       "qualifi",
        "propos",   "plaisant", "esclaff", "object",   "contest",  "critiqu",   "remerci",  "publi",       "post",
        "murmur",   "hurl",     "écri",    "enchaîn",  "continu",  "souhait",   "développ", "inform",      "espér",
        "espèr",    "résum",    "pens",    "réagiss",  "avertiss", "interpell", "exig"};
    static const char* const kErEndings[] = {"e", "é", "ée", "és", "ées", "ait", "a", "ent", "aient", "er", "ant"};
    static const uint8_t kErForms[] = {kFinite, kParticiple, kParticiple, kParticiple, kParticiple, kFinite,
                                       kFinite, kPlural,     kPlural,     kInfinitive, kGerund};
    for (const char* stem : kErStems)
      for (size_t e = 0; e < std::size(kErEndings); ++e) m[std::string(stem) + kErEndings[e]] |= kErForms[e];
    // Other verbs, form by form.
    struct Forms {
      uint8_t form;
      const char* words;
    };
    static const Forms kOther[] = {
        {kFinite,
         "dit disait écrit écrivait décrit décrivait répond répondait poursuit poursuivait reconnaît "
         "reconnait reconnaissait conclut concluait admet admettait promet promettait prévient prévenait "
         "soutient soutenait maintient maintenait avertit réagit renchérit sourit souriait souvient "
         "souvenait réjouit réjouissait plaint plaignait craint craignait défend défendait prédit reprend "
         "reprenait dément convient garantit rit riait lit écrie"},
        {kParticiple,
         "dit écrit décrit répondu poursuivi reconnu conclu admis promis prévenu soutenu maintenu "
         "averti réagi renchéri souri souvenu souvenue réjoui réjouie plaint craint défendu prédit "
         "repris démenti convenu garanti écrié écriée"},
        {kPlural,
         "disent écrivent décrivent répondent poursuivent reconnaissent concluent admettent promettent "
         "préviennent soutiennent maintiennent avertissent réagissent sourient souviennent réjouissent "
         "plaignent craignent défendent reprennent démentent"},
        {kInfinitive,
         "dire écrire décrire répondre poursuivre reconnaître reconnaitre conclure admettre promettre "
         "prévenir soutenir maintenir avertir réagir renchérir sourire souvenir réjouir plaindre "
         "craindre défendre prédire reprendre démentir"},
        {kGerund,
         "disant écrivant décrivant répondant poursuivant reconnaissant concluant admettant promettant "
         "prévenant soutenant maintenant avertissant réagissant souriant défendant reprenant"},
    };
    for (const Forms& f : kOther) {
      std::string_view words = f.words;
      while (!words.empty()) {
        const size_t space = words.find(' ');
        m[std::string(words.substr(0, space))] |= f.form;
        words = space == std::string_view::npos ? "" : words.substr(space + 1);
      }
    }
    return m;
  }();
  return forms;
}

}  // namespace

const WordSet& elisions() {
  static const WordSet set = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
  return set;
}

int title_gender(std::string_view lower) {
  static const WordSet male = {"m", "mm", "monsieur"}, female = {"mme", "mlle", "madame"};
  if (in(male, lower)) return 1;
  if (in(female, lower)) return 2;
  static const WordSet other = {"me", "dr", "pr", "mgr"};
  return in(other, lower) ? 0 : -1;  // -1: not a title
}

const WordSet& function_words() {
  static const WordSet set = {
      "le",         "la",        "les",     "l'",         "un",     "une",       "des",    "du",      "de",
      "d'",         "au",        "aux",     "à",          "a",      "en",        "et",     "ou",      "mais",
      "donc",       "or",        "ni",      "car",        "que",    "qu'",       "qui",    "dont",    "où",
      "ce",         "cet",       "cette",   "ces",        "c'",     "mon",       "ma",     "mes",     "son",
      "sa",         "ses",       "notre",   "nos",        "votre",  "vos",       "leur",   "leurs",   "il",
      "elle",       "ils",       "elles",   "on",         "nous",   "vous",      "je",     "j'",      "lui",
      "eux",        "y",         "se",      "s'",         "ne",     "n'",        "pour",   "par",     "sur",
      "sous",       "dans",      "avec",    "sans",       "chez",   "contre",    "entre",  "vers",    "selon",
      "depuis",     "pendant",   "après",   "avant",      "lors",   "malgré",    "dès",    "comme",   "si",
      "quand",      "lorsque",   "puis",    "alors",      "ainsi",  "aussi",     "enfin",  "ensuite", "cependant",
      "pourtant",   "toutefois", "même",    "tout",       "tous",   "toute",     "toutes", "chaque",  "plusieurs",
      "certains",   "aucun",     "autre",   "hier",       "demain", "désormais", "déjà",   "encore",  "ici",
      "cela",       "ça",        "celui",   "celle",      "ceux",   "parmi",     "face",   "outre",   "interrogé",
      "interrogée", "invité",    "invitée", "interviewé", "selon"};
  return set;
}

const WordSet& not_names() {
  static const WordSet set = {
      "lundi",      "mardi",      "mercredi",     "jeudi",       "vendredi", "samedi",     "dimanche",     "janvier",
      "février",    "mars",       "avril",        "mai",         "juin",     "juillet",    "août",         "septembre",
      "octobre",    "novembre",   "décembre",     "etat",        "état",     "etats",      "états",        "république",
      "président",  "présidente", "premier",      "première",    "ministre", "ministère",  "assemblée",    "sénat",
      "conseil",    "cour",       "gouvernement", "parlement",   "union",    "nations",    "unies",        "maison",
      "blanche",    "palais",     "saint",        "sainte",      "nord",     "sud",        "est",          "ouest",
      "dieu",       "france",     "paris",        "europe",      "afrique",  "asie",       "amérique",     "covid",
      "internet",   "twitter",    "facebook",     "instagram",   "youtube",  "google",     "amazon",       "monde",
      "libération", "figaro",     "parisien",     "ligue",       "coupe",    "jeux",       "grand",        "prix",
      "fédération", "agence",     "commission",   "tribunal",    "police",   "église",     "rue",          "place",
      "avenue",     "boulevard",  "mont",         "île",         "mer",      "musée",      "festival",     "centre",
      "hôpital",    "université", "nouvelle",     "nouveau",     "grande",   "conférence", "organisation", "parti",
      "comité",     "institut",   "fondation",    "association", "national", "nationale",  "international"};
  return set;
}

const WordSet& particles() {
  static const WordSet set = {"de",    "d'", "du", "des", "van", "von", "der", "den", "da", "di", "dos", "del",
                              "della", "la", "le", "al",  "el",  "ben", "bin", "ibn", "y",  "zu", "ter"};
  return set;
}

const WordSet& prepositions() {
  static const WordSet set = {"de",       "d'",    "du",     "des",       "à",       "au",     "aux",      "par",
                              "sur",      "avec",  "chez",   "contre",    "entre",   "vers",   "envers",   "sans",
                              "sous",     "dans",  "en",     "après",     "avant",   "devant", "derrière", "auprès",
                              "via",      "comme", "face",   "malgré",    "outre",   "parmi",  "pour",     "que",
                              "qu'",      "le",    "la",     "les",       "l'",      "un",     "une",      "envoyé",
                              "contacté", "joint", "visant", "remplacer", "remplacé"};
  return set;
}

const WordSet& person_nouns() {
  static const WordSet set = {"président",      "présidente",   "ministre",     "chef",           "cheffe",
                              "directeur",      "directrice",   "maire",        "avocat",         "avocate",
                              "fils",           "fille",        "femme",        "épouse",         "mari",
                              "époux",          "père",         "mère",         "frère",          "sœur",
                              "soeur",          "oncle",        "tante",        "cousin",         "cousine",
                              "neveu",          "nièce",        "veuve",        "veuf",           "porte-parole",
                              "patron",         "patronne",     "leader",       "dirigeant",      "dirigeante",
                              "secrétaire",     "premier",      "première",     "candidat",       "candidate",
                              "conseiller",     "conseillère",  "proche",       "proches",        "ami",
                              "amie",           "compagnon",    "compagne",     "entourage",      "collaborateur",
                              "collaboratrice", "adjoint",      "adjointe",     "successeur",     "prédécesseur",
                              "rival",          "adversaire",   "agent",        "biographe",      "entraîneur",
                              "gouverneur",     "sénateur",     "sénatrice",    "député",         "députée",
                              "homologue",      "procureur",    "procureure",   "juge",           "émissaire",
                              "envoyé",         "envoyée",      "représentant", "représentante",  "ambassadeur",
                              "ambassadrice",   "roi",          "reine",        "prince",         "princesse",
                              "pape",           "chancelier",   "chancelière",  "partenaire",     "coéquipier",
                              "producteur",     "responsable",  "délégué",      "déléguée",       "membre",
                              "militant",       "militante",    "allié",        "alliée",         "enfant",
                              "enfants",        "parents",      "victime",      "accusé",         "accusée",
                              "suspect",        "détenu",       "détenue",      "otage",          "joueur",
                              "joueuse",        "fondateur",    "fondatrice",   "vice-président", "vice-présidente",
                              "assistant",      "assistante",   "garde",        "beau-père",      "belle-mère",
                              "petit-fils",     "petite-fille", "grand-père",   "grand-mère",     "famille",
                              "défunt",         "défunte"};
  return set;
}

const WordSet& institution_nouns() {
  static const WordSet set = {
      "hôpital",   "clinique",   "université", "institut", "groupe",      "société",   "entreprise",   "association",
      "fondation", "église",     "stade",      "musée",    "lycée",       "collège",   "école",        "théâtre",
      "hôtel",     "restaurant", "cabinet",    "agence",   "journal",     "quotidien", "hebdomadaire", "magazine",
      "chaîne",    "radio",      "banque",     "parti",    "mouvement",   "rue",       "place",        "avenue",
      "quartier",  "village",    "ville",      "centre",   "laboratoire", "syndicat",  "festival",     "prix"};
  return set;
}

Aux auxiliary(std::string_view w, bool reflexive) {
  static const WordSet has = {"a", "avait", "aurait", "aura"}, have = {"ont", "avaient", "auraient"};
  static const WordSet is = {"est", "était", "serait"}, are = {"sont", "étaient"};
  if (in(has, w) || (reflexive && in(is, w))) return Aux::kSingular;
  if (in(have, w) || (reflexive && in(are, w))) return Aux::kPlural;
  return Aux::kNone;
}

bool is_auxiliary(std::string_view w) { return auxiliary(w, true) != Aux::kNone; }

bool is_adverb(std::string_view w) { return in(adverbs(), w) || (w.size() > 6 && w.substr(w.size() - 4) == "ment"); }

uint8_t verb_forms(std::string_view word) {
  const auto& verbs = speech_verbs();
  const auto it = verbs.find(std::string(word));
  return it == verbs.end() ? 0 : it->second;
}

}  // namespace gazette::quoting
