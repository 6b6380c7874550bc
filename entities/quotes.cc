// How quotes.h works. Three passes, each linear:
//   1. pair_marks() pairs the quote marks of each line; find_quotes() keeps
//      the outermost pairs that are quotes (long enough, no heading, no title);
//   2. tokenize() cuts the text into words and punctuation, each quote one
//      token, so that what is said never counts as who says it; find_names()
//      marks the people's names among the words;
//   3. an Attributor reads the tokens around each quote: after it (the
//      inverted "…, a dit X" of French), else before it ("X a dit : …"), else
//      inside it (Le Monde's incise, read with the quote's own tokens); then
//      resolves pronouns; then lets quotes of one sentence share a speaker.
// Every search stops at the end of the sentence and after a bounded number
// of tokens, so that a text without punctuation stays linear.
#include "entities/quotes.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace gazette {
namespace {

// ------------------------------------------------------------------ letters

struct Char {
  char32_t cp = 0;
  size_t len = 1;
};

// The code point at byte i; a byte that does not start a valid sequence is
// one U+FFFD, so that any input decodes.
Char decode(std::string_view s, size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return {c, 1};
  const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = s[i + k];
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, len};
}

// Where the code point that ends just before byte i > 0 starts: an invalid
// byte is a code point of its own.
size_t char_start(std::string_view s, size_t i) {
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return start + decode(s, start).len == i ? start : i - 1;
}

// The code point that ends just before byte i (U+FFFD if invalid, 0 at 0).
char32_t decode_before(std::string_view s, size_t i) { return i == 0 ? 0 : decode(s, char_start(s, i)).cp; }

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Spaces within a line: the no-break spaces of French typography included.
bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Letters of the scripts news text uses; every code point from U+00C0 is one
// but the signs, the punctuation block and U+FFFD.
bool is_letter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD || c == 0xFEFF) return false;
  return !(c >= 0x2000 && c < 0x2C00) && !(c >= 0x3000 && c < 0x3040);
}

// Lower case for Latin, Greek and Cyrillic capitals: enough to read the
// words of the lexicon and to see a capital.
char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x177 && c % 2 == 0 && c != 0x138) return c + 1;
  if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

bool is_upper(char32_t c) { return to_lower(c) != c; }

// ------------------------------------------------------------------ lexicon

using WordSet = std::unordered_set<std::string_view>;

bool in(const WordSet& set, std::string_view word) { return set.count(word) != 0; }

// Elided words that end at their apostrophe: "l’", "qu’", "jusqu’".
const WordSet& elisions() {
  static const WordSet set = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
  return set;
}

// A title before a name; its gender, for pronouns.
int title_gender(std::string_view lower) {
  static const WordSet male = {"m", "mm", "monsieur"}, female = {"mme", "mlle", "madame"};
  if (in(male, lower)) return 1;
  if (in(female, lower)) return 2;
  static const WordSet other = {"me", "dr", "pr", "mgr"};
  return in(other, lower) ? 0 : -1;  // -1: not a title
}

// Words that cannot start a name written with a capital: the capital of a
// sentence's first word says nothing ("Pour Jean Dupont").
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

// Capitalised words that are not people's names, for the rule by capitals
// alone (without a list of people).
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

// Particles inside a name: "Charles de Gaulle", "Marine Le Pen".
const WordSet& particles() {
  static const WordSet set = {"de",    "d'", "du", "des", "van", "von", "der", "den", "da", "di", "dos", "del",
                              "della", "la", "le", "al",  "el",  "ben", "bin", "ibn", "y",  "zu", "ter"};
  return set;
}

// A name after one of these is a complement, not a subject: "le
// porte-parole de X", "a dit à X", "la Maison Blanche", "a estimé que X…".
const WordSet& prepositions() {
  static const WordSet set = {"de",       "d'",    "du",     "des",       "à",       "au",     "aux",      "par",
                              "sur",      "avec",  "chez",   "contre",    "entre",   "vers",   "envers",   "sans",
                              "sous",     "dans",  "en",     "après",     "avant",   "devant", "derrière", "auprès",
                              "via",      "comme", "face",   "malgré",    "outre",   "parmi",  "pour",     "que",
                              "qu'",      "le",    "la",     "les",       "l'",      "un",     "une",      "envoyé",
                              "contacté", "joint", "visant", "remplacer", "remplacé"};
  return set;
}

// Nouns for people: a name after "de … <one of these>" is that other
// person's ("la femme du président X" is not X).
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

// Nouns for places and institutions: a name right after one is theirs, not
// a person's ("l’hôpital Tor Vergata", "le groupe Renault").
const WordSet& institution_nouns() {
  static const WordSet set = {
      "hôpital",   "clinique",   "université", "institut", "groupe",      "société",   "entreprise",   "association",
      "fondation", "église",     "stade",      "musée",    "lycée",       "collège",   "école",        "théâtre",
      "hôtel",     "restaurant", "cabinet",    "agence",   "journal",     "quotidien", "hebdomadaire", "magazine",
      "chaîne",    "radio",      "banque",     "parti",    "mouvement",   "rue",       "place",        "avenue",
      "quartier",  "village",    "ville",      "centre",   "laboratoire", "syndicat",  "festival",     "prix"};
  return set;
}

// Adverbs between an auxiliary and its participle ("a encore ajouté"), and
// clitics before a verb ("X lui a dit").
const WordSet& adverbs() {
  static const WordSet set = {
      "ainsi",       "encore",   "aussi",     "également", "notamment", "alors",  "ensuite", "toutefois", "cependant",
      "néanmoins",   "pourtant", "enfin",     "même",      "déjà",      "plus",   "bien",    "tout",      "hier",
      "aujourd'hui", "aussitôt", "longtemps", "souvent",   "toujours",  "jamais", "pas",     "ne",        "n'",
      "lui",         "leur",     "l'",        "les",       "y",         "en",     "nous",    "vous",      "me",
      "m'",          "te",       "t'",        "ailleurs",  "d'",        "par"};
  return set;
}

enum class Aux : uint8_t { kNone, kSingular, kPlural };

// The auxiliary of a compound tense: "a", "avait" …, "ont" …; after "se",
// "est", "sont" … too ("s’est félicité").
Aux auxiliary(std::string_view w, bool reflexive) {
  static const WordSet has = {"a", "avait", "aurait", "aura"}, have = {"ont", "avaient", "auraient"};
  static const WordSet is = {"est", "était", "serait"}, are = {"sont", "étaient"};
  if (in(has, w) || (reflexive && in(is, w))) return Aux::kSingular;
  if (in(have, w) || (reflexive && in(are, w))) return Aux::kPlural;
  return Aux::kNone;
}

bool is_auxiliary(std::string_view w) { return auxiliary(w, true) != Aux::kNone; }

bool is_adverb(std::string_view w) { return in(adverbs(), w) || (w.size() > 6 && w.substr(w.size() - 4) == "ment"); }

// Speech verbs ("déclarer", "estimer", "se souvenir", …) and the forms
// they take around a quote.
enum VerbForm : uint8_t {
  kFinite = 1,      // 3rd person singular: "déclare", "déclarait", "dit"
  kParticiple = 2,  // "déclaré", "dit"
  kPlural = 4,      // 3rd person plural: "déclarent"
  kInfinitive = 8,  // "déclarer", "de compléter"
  kGerund = 16,     // "déclarant"
};

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

uint8_t verb_forms(std::string_view word) {
  const auto& verbs = speech_verbs();
  const auto it = verbs.find(std::string(word));
  return it == verbs.end() ? 0 : it->second;
}

// ------------------------------------------------------------------ quote marks

enum class Mark : uint8_t { kNone, kOpenGuillemet, kCloseGuillemet, kOpenCurly, kCloseCurly, kStraight };

Mark mark_at(std::string_view s, size_t i, size_t& len) {
  const auto at = [&](std::string_view m) { return s.compare(i, m.size(), m) == 0; };
  len = 2;
  if (at("\xC2\xAB")) return Mark::kOpenGuillemet;
  if (at("\xC2\xBB")) return Mark::kCloseGuillemet;
  len = 3;
  if (at("\xE2\x80\x9C")) return Mark::kOpenCurly;
  if (at("\xE2\x80\x9D")) return Mark::kCloseCurly;
  len = 1;
  return s[i] == '"' ? Mark::kStraight : Mark::kNone;
}

struct Span {
  size_t open = 0;            // the opening mark
  size_t begin = 0, end = 0;  // the quoted text, marks excluded
  size_t close_end = 0;       // just after the closing mark
  bool alone = false;         // nothing but spaces around it on its line
};

// Where the first character other than a space is in [from, s.size()): a
// line break counts as one.
size_t skip_spaces(std::string_view s, size_t from) {
  while (from < s.size()) {
    const Char c = decode(s, from);
    if (!is_space(c.cp)) break;
    from += c.len;
  }
  return from;
}

// Pairs quote marks line by line and returns the outermost pairs. « and “
// open, » and ” close; a straight " opens when a word follows it and closes
// when one precedes it. A " that can only open while one is open means the
// first was never closed: it is dropped. Marks left open at the end of a
// line are dropped; nesting deeper than kMaxDepth is ignored.
std::vector<Span> pair_marks(std::string_view s) {
  constexpr size_t kMaxDepth = 8;
  struct Open {
    Mark mark;
    size_t at, len;
  };
  std::vector<Open> stack;
  std::vector<Span> spans;
  size_t line_text = 0;  // the first character of the current line that is not a space
  const auto close = [&](size_t depth, size_t at, size_t len) {
    if (depth == 0) {
      const size_t after = skip_spaces(s, at + len);
      const bool alone = line_text == stack[0].at && (after == s.size() || s[after] == '\n');
      spans.push_back({stack[0].at, stack[0].at + stack[0].len, at, at + len, alone});
    }
    stack.resize(depth);
  };
  const auto find = [&](Mark mark) {
    for (size_t d = stack.size(); d-- > 0;)
      if (stack[d].mark == mark) return d;
    return stack.size();
  };
  for (size_t i = 0; i < s.size();) {
    if (i == 0 || s[i - 1] == '\n') line_text = skip_spaces(s, i);
    if (s[i] == '\n') {
      stack.clear();
      ++i;
      continue;
    }
    size_t len = 0;
    Mark mark = mark_at(s, i, len);
    if (mark == Mark::kCloseCurly && find(Mark::kOpenCurly) == stack.size()) mark = Mark::kStraight;
    if (mark == Mark::kOpenGuillemet || mark == Mark::kOpenCurly) {
      if (stack.size() < kMaxDepth) stack.push_back({mark, i, len});
    } else if (mark == Mark::kCloseGuillemet || mark == Mark::kCloseCurly) {
      const size_t d = find(mark == Mark::kCloseGuillemet ? Mark::kOpenGuillemet : Mark::kOpenCurly);
      if (d < stack.size()) close(d, i, len);
    } else if (mark == Mark::kStraight) {
      const char32_t before = decode_before(s, i);
      const char32_t after = i + len < s.size() ? decode(s, i + len).cp : 0;
      const bool can_close = before != 0 && before != '\n' && !is_space(before);
      const bool can_open = after != 0 && after != '\n' && !is_space(after);
      const size_t d = find(Mark::kStraight);
      if (d < stack.size() && can_close) {
        close(d, i, len);
      } else if (can_open && stack.size() < kMaxDepth) {
        if (d < stack.size()) stack.resize(d);
        stack.push_back({mark, i, len});
      }
    }
    i += len;
  }
  return spans;
}

// [begin, end) without the spaces at either end.
void trim(std::string_view s, size_t& begin, size_t& end) {
  while (begin < end) {
    const Char c = decode(s, begin);
    if (!is_space(c.cp)) break;
    begin += c.len;
  }
  while (end > begin && is_space(decode_before(s, end))) end = char_start(s, end);
}

// Words as a reader counts them: runs between spaces with a letter or digit.
size_t count_words(std::string_view s) {
  size_t words = 0;
  bool counted = false;
  for (size_t i = 0; i < s.size();) {
    const Char c = decode(s, i);
    if (is_space(c.cp) || c.cp == '\n') {
      counted = false;
    } else if (!counted && (is_letter(c.cp) || is_digit(c.cp))) {
      ++words;
      counted = true;
    }
    i += c.len;
  }
  return words;
}

bool ends_sentence(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

// A span alone on its line with no final punctuation is a heading (Le
// Monde's subheads quote a sentence of the article below them).
bool heading(std::string_view s, const Span& span) { return span.alone && !ends_sentence(decode_before(s, span.end)); }

// The word that ends before byte i, spaces skipped, in lower case (its last
// 40 bytes at most).
std::string word_before(std::string_view s, size_t i) {
  while (i > 0 && is_space(decode_before(s, i))) i = char_start(s, i);
  size_t begin = i;
  while (begin > 0 && i - begin < 40 && (is_letter(decode_before(s, begin)) || decode_before(s, begin) == '-'))
    begin = char_start(s, begin);
  std::string word;
  for (size_t k = begin; k < i;) {
    const Char c = decode(s, k);
    append_utf8(to_lower(c.cp), word);
    k += c.len;
  }
  return word;
}

// Titles of works and names of things are written in quote marks too: after
// "intitulé", "le film", "l’opération" …, or followed by a year "(1958)" or
// an author ", de May Angeli".
bool work_title(std::string_view s, const Span& span) {
  static const WordSet kCues = {
      "intitulé", "intitulée",   "intitulés", "intitulées",    "baptisé",      "baptisée",     "baptisés", "baptisées",
      "nommé",    "nommée",      "surnommé",  "surnommée",     "dénommé",      "dénommée",     "titré",    "titrée",
      "titre",    "film",        "téléfilm",  "court-métrage", "long-métrage", "documentaire", "série",    "feuilleton",
      "émission", "livre",       "roman",     "ouvrage",       "essai",        "recueil",      "album",    "disque",
      "chanson",  "single",      "spectacle", "pièce",         "opéra",        "exposition",   "festival", "magazine",
      "revue",    "rubrique",    "podcast",   "programme",     "opération",    "plan",         "hashtag",  "slogan",
      "label",    "application", "jeu"};
  if (in(kCues, word_before(s, span.open))) return true;
  const std::string_view after = s.substr(skip_spaces(s, span.close_end));
  const bool year = after.size() >= 5 && after[0] == '(' &&
                    std::all_of(after.begin() + 1, after.begin() + 5, [](char c) { return c >= '0' && c <= '9'; });
  size_t author = 0;
  for (std::string_view of : {", de ", ", d'", ", d\xE2\x80\x99"})
    if (after.substr(0, of.size()) == of) author = of.size();
  return year || (author > 0 && author < after.size() && is_upper(decode(after, author).cp));
}

constexpr size_t kMinWords = 4;

// The spans that are quotes, trimmed.
std::vector<Span> find_quotes(std::string_view s) {
  std::vector<Span> quotes;
  for (Span span : pair_marks(s)) {
    trim(s, span.begin, span.end);
    if (count_words(s.substr(span.begin, span.end - span.begin)) < kMinWords || heading(s, span) || work_title(s, span))
      continue;
    quotes.push_back(span);
  }
  return quotes;
}

// ------------------------------------------------------------------ tokens

enum class Kind : uint8_t { kWord, kPunct, kQuote, kBreak };

struct Token {
  Kind kind = Kind::kPunct;
  bool capital = false;    // a word whose first letter is a capital
  bool has_upper = false;  // a word with a capital anywhere ("al-Assad")
  bool all_caps = false;   // two letters or more, all capitals ("AFP")
  bool digit = false;      // a word with a digit
  int title = -1;          // a title ("M.", "Mme", "Me"): its gender (0 unknown), else -1
  bool final = false;      // kQuote: its text ends with . ! ? or …
  char32_t punct = 0;      // kPunct: the character
  size_t begin = 0, end = 0;
  size_t quote = 0;   // kQuote: its index among the quotes
  std::string lower;  // kWord: lower case, ’ written '
};

bool punct_is(const Token& t, char32_t c) { return t.kind == Kind::kPunct && t.punct == c; }

// Reads the word that starts at i: letters and digits, joined by inner
// hyphens ("a-t-il", "Jean-Michel"), inner apostrophes ("aujourd'hui") and
// digit separators ("3.500"); an elided word ends at its apostrophe ("l’").
// "M." and initials ("J.") keep their dot, which ends no sentence.
Token read_word(std::string_view s, size_t& i) {
  Token t;
  t.kind = Kind::kWord;
  t.begin = i;
  size_t letters = 0, capitals = 0;
  const auto letter_at = [&](size_t k) { return k < s.size() && is_letter(decode(s, k).cp); };
  const auto word_char_at = [&](size_t k) {
    if (k >= s.size()) return false;
    const char32_t c = decode(s, k).cp;
    return is_letter(c) || is_digit(c);
  };
  while (i < s.size()) {
    const Char c = decode(s, i);
    if (is_letter(c.cp) || is_digit(c.cp)) {
      if (is_letter(c.cp)) ++letters;
      if (is_upper(c.cp)) {
        ++capitals;
        if (i == t.begin) t.capital = true;
      }
      t.digit = t.digit || is_digit(c.cp);
      append_utf8(to_lower(c.cp), t.lower);
      i += c.len;
    } else if (c.cp == '-' && word_char_at(i + 1)) {
      t.lower += '-';
      i += 1;
    } else if ((c.cp == '\'' || c.cp == 0x2019) && letter_at(i + c.len)) {
      const bool elided = in(elisions(), t.lower);
      t.lower += '\'';
      i += c.len;
      if (elided) break;
    } else if ((c.cp == '.' || c.cp == ',') && t.digit && is_digit(decode_before(s, i)) && i + 1 < s.size() &&
               is_digit(decode(s, i + 1).cp)) {
      t.lower += static_cast<char>(c.cp);
      i += 1;
    } else {
      break;
    }
  }
  t.has_upper = capitals > 0;
  t.all_caps = letters >= 2 && capitals == letters;
  const bool dot = i < s.size() && s[i] == '.';
  const int gender = t.capital ? title_gender(t.lower) : -1;
  const bool initial = t.capital && letters == 1 && t.lower.size() <= 2;
  if (dot && (gender >= 0 || initial)) ++i;
  if (gender >= 0 && (dot || t.lower != "m")) t.title = gender;  // "M" alone is no title
  t.end = i;
  return t;
}

// The tokens of s: each quote one kQuote token, each run of line breaks one
// kBreak, spaces skipped. Marks that make no quote are punctuation.
std::vector<Token> tokenize(std::string_view s, const std::vector<Span>& quotes) {
  std::vector<Token> tokens;
  size_t q = 0;
  for (size_t i = 0; i < s.size();) {
    if (q < quotes.size() && i == quotes[q].open) {
      Token t;
      t.kind = Kind::kQuote;
      t.begin = i;
      t.end = i = quotes[q].close_end;
      t.final = ends_sentence(decode_before(s, quotes[q].end));
      t.quote = q++;
      tokens.push_back(std::move(t));
      continue;
    }
    const Char c = decode(s, i);
    if (c.cp == '\n') {
      if (tokens.empty() || tokens.back().kind != Kind::kBreak) {
        tokens.emplace_back();
        tokens.back().kind = Kind::kBreak;
        tokens.back().begin = i;
      }
      tokens.back().end = ++i;
    } else if (is_space(c.cp)) {
      i += c.len;
    } else if (is_letter(c.cp) || is_digit(c.cp)) {
      tokens.push_back(read_word(s, i));
    } else {
      Token t;
      t.punct = c.cp;
      t.begin = i;
      t.end = i += c.len;
      tokens.push_back(std::move(t));
    }
  }
  return tokens;
}

// The written form of tokens [first, last) as a name key: words joined by
// one space, ’ written '.
std::string name_key(std::string_view s, const std::vector<Token>& tokens, size_t first, size_t last) {
  std::string key;
  for (size_t k = first; k < last; ++k) {
    if (k > first) key += ' ';
    std::string_view w = s.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    for (size_t at; (at = w.find("\xE2\x80\x99")) != std::string_view::npos; w.remove_prefix(at + 3))
      key.append(w.substr(0, at)).append("'");
    key.append(w);
  }
  return key;
}

// ------------------------------------------------------------------ names

// The people given by the caller, as name keys. Each key maps to the full
// name it stands for: the longest entry ending with it ("Véran" -> "Olivier
// Véran"); "" when two entries as long end with it.
class KnownPeople {
 public:
  explicit KnownPeople(const std::vector<std::string>& people) {
    constexpr size_t kMaxWords = 8;
    struct Best {
      std::string full;
      size_t words = 0;
      bool ambiguous = false;
    };
    std::unordered_map<std::string, Best> best;
    for (const std::string& name : people) {
      const std::vector<Token> tokens = tokenize(name, {});
      if (tokens.empty() || tokens.size() > kMaxWords) continue;
      if (std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.kind != Kind::kWord; })) continue;
      forms_.insert(name_key(name, tokens, 0, tokens.size()));
      max_words_ = std::max(max_words_, tokens.size());
      for (size_t first = 0; first < tokens.size(); ++first) {
        Best& b = best[name_key(name, tokens, first, tokens.size())];
        if (tokens.size() > b.words) {
          b = {name, tokens.size(), false};
        } else if (tokens.size() == b.words && b.full != name) {
          b.ambiguous = true;
        }
      }
    }
    for (auto& [key, b] : best) full_[key] = b.ambiguous ? "" : b.full;
  }

  bool empty() const { return forms_.empty(); }

  // The number of tokens of the longest known form starting at token i.
  size_t match(std::string_view s, const std::vector<Token>& tokens, size_t i) const {
    if (!tokens[i].has_upper) return 0;
    size_t longest = 0;
    for (size_t n = 1; n <= max_words_ && i + n <= tokens.size() && tokens[i + n - 1].kind == Kind::kWord; ++n)
      if (forms_.count(name_key(s, tokens, i, i + n))) longest = n;
    return longest;
  }

  // The full name a key stands for: "" when unknown or ambiguous.
  std::string full_name(const std::string& key) const {
    const auto it = full_.find(key);
    return it == full_.end() ? "" : it->second;
  }

 private:
  std::unordered_set<std::string> forms_;
  std::unordered_map<std::string, std::string> full_;
  size_t max_words_ = 0;
};

struct Name {
  size_t first = 0, last = 0;  // tokens [first, last), the title excluded
  std::string full;            // the full name it stands for
  bool complement = false;     // in a complement, not a subject (see complement())
};

// The names of people in the tokens, with for each token the name it is in.
struct Names {
  std::vector<Name> list;
  std::vector<int32_t> of_token;                 // index in list, or -1
  std::unordered_map<std::string, int> genders;  // full name -> bits: 1 "M.", 2 "Mme"
  // Where capitalised words that are no known person end ("Binu Sapera" that
  // the caller's list missed): a pronoun after them is not resolved.
  std::vector<size_t> others;

  const Name* at(size_t token) const { return of_token[token] < 0 ? nullptr : &list[of_token[token]]; }
  // The name that starts at token t, or that a title at t introduces.
  const Name* starting_at(const std::vector<Token>& tokens, size_t t) const {
    if (tokens[t].title >= 0 && t + 1 < tokens.size()) ++t;
    const Name* n = at(t);
    return n && n->first == t ? n : nullptr;
  }
};

bool name_word(const Token& t) {
  return t.kind == Kind::kWord && t.capital && !t.all_caps && !t.digit && t.title < 0 &&
         !in(function_words(), t.lower) && !in(not_names(), t.lower);
}

// The capitalised words starting at i ("Jean-Luc Mélenchon", "Charles de
// Gaulle"; after a title a particle may come first: "M. Le Maire"): their
// token count, and in `words` the capitalised ones.
size_t capital_run(const std::vector<Token>& tokens, size_t i, size_t& words) {
  constexpr size_t kMaxTokens = 8;  // no name is longer; and runs of capitals stay linear
  words = 0;
  size_t j = i;
  const bool titled = i > 0 && tokens[i - 1].title >= 0;
  while (j < tokens.size() && j - i < kMaxTokens) {
    if (name_word(tokens[j])) {
      ++words;
      ++j;
    } else if ((words > 0 || (titled && j == i)) && tokens[j].kind == Kind::kWord && in(particles(), tokens[j].lower) &&
               j + 1 < tokens.size() && name_word(tokens[j + 1])) {
      j += 1;
    } else {
      break;
    }
  }
  return j - i;
}

// Where the name starting at token `first` starts with its title ("M.").
size_t with_title(const std::vector<Token>& tokens, size_t first) {
  return first > 0 && tokens[first - 1].title >= 0 ? first - 1 : first;
}

// Whether a preposition opens the phrase whose head noun is at `noun`:
// "par le président", "du ministre", "à l’ancien juge".
bool opened_by_preposition(const std::vector<Token>& tokens, size_t noun) {
  static const WordSet kOpeners = {"de",   "d'",     "du",    "des",   "à",      "au",    "aux",  "par",
                                   "pour", "avec",   "sur",   "chez",  "contre", "entre", "sans", "envers",
                                   "vers", "auprès", "après", "avant", "devant", "face"};
  for (size_t n = 0, k = noun; n < 3 && k > 0; ++n) {
    const Token& t = tokens[--k];
    if (t.kind != Kind::kWord || t.capital) return false;
    if (in(kOpeners, t.lower)) return true;
  }
  return false;
}

// Whether the name starting at token `first` is in a complement rather than
// a subject: right after a preposition, an article or an institution ("le
// porte-parole de X", "a dit à X", "la Maison Blanche", "l’hôpital X"), or in
// a phrase that a preposition opens and a person noun heads ("par le
// président X", "la femme du président X"): X is then that other person.
// Names in brackets are complements too (find_names).
bool complement(const std::vector<Token>& tokens, size_t first) {
  size_t k = with_title(tokens, first);
  if (k > 0 && tokens[k - 1].kind == Kind::kWord && in(institution_nouns(), tokens[k - 1].lower)) return true;
  if (k > 0 && tokens[k - 1].kind == Kind::kWord && in(prepositions(), tokens[k - 1].lower)) {
    const Token& before = tokens[k - 1];
    const bool article = before.lower == "la" || before.lower == "le";  // "la Dr Sanz": the title's article
    const bool topic = before.lower == "pour" && before.capital;        // "Pour X, …" at a sentence's start
    return !(article && k < first) && !topic;
  }
  for (size_t n = 0; n < 6 && k > 0; ++n) {
    const Token& t = tokens[--k];
    if (t.kind != Kind::kWord || t.capital) return false;
    if (in(person_nouns(), t.lower)) return opened_by_preposition(tokens, k);
  }
  return false;
}

// "le", "la", "un", "ce", "son" …: what starts a noun phrase.
bool determiner(const Token& t) {
  static const WordSet set = {"le",    "la",  "les", "l'", "un",  "une",  "ce",   "cet",
                              "cette", "ces", "son", "sa", "ses", "leur", "leurs"};
  return t.kind == Kind::kWord && in(set, t.lower);
}

// The gender of a determiner: 1 "le", 2 "la", 0 other.
int determiner_gender(const Token& t) {
  static const WordSet male = {"le", "un", "ce", "cet"}, female = {"la", "une", "cette"};
  if (t.kind != Kind::kWord) return 0;
  return in(male, t.lower) ? 1 : in(female, t.lower) ? 2 : 0;
}

// The gender that a role says for the name at [first, last): "la ministre
// X", "le président américain, X", "X, la directrice de …". 0 when unknown.
int role_gender(const std::vector<Token>& tokens, size_t first, size_t last) {
  bool noun = false;
  size_t k = first > 0 && punct_is(tokens[first - 1], ',') ? first - 1 : first;  // "la présidente, X"
  for (size_t n = 0; n < 6 && k > 0; ++n) {
    const Token& t = tokens[--k];
    if (t.kind != Kind::kWord) break;
    if (noun && determiner_gender(t)) return determiner_gender(t);
    noun = noun || in(person_nouns(), t.lower);
  }
  if (last + 2 < tokens.size() && punct_is(tokens[last], ',') && in(person_nouns(), tokens[last + 2].lower))
    return determiner_gender(tokens[last + 1]);
  return 0;
}

// With a list of people, the capitalised words at i that are no known
// person: their token count when they look like a name (two capitalised
// words, "Binu Sapera"), else 0. They stop before a known name.
size_t unknown_name(std::string_view s, const std::vector<Token>& tokens, size_t i, const KnownPeople& people) {
  size_t words = 0;
  const size_t run = capital_run(tokens, i, words);
  size_t len = 0;
  for (words = 0; len < run && (len == 0 || !people.match(s, tokens, i + len)); ++len)
    words += name_word(tokens[i + len]);
  return words >= 2 ? len : 0;
}

// Finds the names of people: the forms of `people`, a title followed by
// capitalised words ("M. Véran"), and without `people` two capitalised
// words or more, or a surname alone when its full name came before.
Names find_names(std::string_view s, const std::vector<Token>& tokens, const KnownPeople& people) {
  Names names;
  names.of_token.assign(tokens.size(), -1);
  std::unordered_map<std::string, std::string> full_by_surname;  // from the names read so far
  int brackets = 0;  // depth of "(" in the current paragraph: "(après X, Y ou Z)" names no subject
  for (size_t i = 0; i < tokens.size();) {
    if (tokens[i].kind != Kind::kWord) {
      if (punct_is(tokens[i], '(')) ++brackets;
      if (punct_is(tokens[i], ')') && brackets > 0) --brackets;
      if (tokens[i].kind == Kind::kBreak) brackets = 0;
      ++i;
      continue;
    }
    const int title = i > 0 ? tokens[i - 1].title : -1;
    size_t len = people.match(s, tokens, i), words = 0;
    if (len == 0 && !people.empty() && title < 0) {
      if (const size_t other = unknown_name(s, tokens, i, people)) {
        if (brackets == 0 && !complement(tokens, i)) names.others.push_back(i + other);
        i += other;
        continue;
      }
    }
    if (len == 0 && (people.empty() || title >= 0)) len = capital_run(tokens, i, words);
    const std::string key = name_key(s, tokens, i, i + len);
    if (len > 0 && words == 1 && title < 0 && !full_by_surname.count(key)) len = 0;  // one capital says nothing
    if (len == 0) {
      ++i;
      continue;
    }
    std::string full = people.full_name(key);
    if (full.empty() && full_by_surname.count(key) && key.find(' ') == std::string::npos) full = full_by_surname[key];
    if (full.empty()) full = std::string(s.substr(tokens[i].begin, tokens[i + len - 1].end - tokens[i].begin));
    if (len > 1 || full.find(' ') != std::string::npos)
      full_by_surname[name_key(s, tokens, i + len - 1, i + len)] = full;
    names.list.push_back({i, i + len, full, brackets > 0 || complement(tokens, i)});
    if (const int gender = title >= 0 ? title : role_gender(tokens, i, i + len)) names.genders[full] |= gender;
    for (size_t k = i; k < i + len; ++k) names.of_token[k] = static_cast<int32_t>(names.list.size() - 1);
    i += len;
  }
  return names;
}

// ------------------------------------------------------------------ attribution

// How a quote's speaker is given.
enum class Who : uint8_t {
  kNone,     // no attribution read
  kName,     // a name
  kPronoun,  // "a-t-il ajouté", "Il a dit :": the last person named
  kUnknown,  // an attribution that names nobody: "a dit le ministre", "ont-ils dit"
};

struct Attribution {
  Who who = Who::kNone;
  const Name* name = nullptr;  // kName
  int gender = 0;              // kPronoun: 1 "il", 2 "elle"
  size_t pronoun = 0;          // kPronoun: the pronoun's token
  size_t end = 0;              // the token after the attribution
  bool after = false;          // read after the quote
  bool unnamed = false;        // to someone not named ("a dit le ministre"): later pronouns are not resolved
};

// A verb of saying and what it tells about its subject.
struct VerbGroup {
  bool found = false;
  size_t end = 0;       // the token after it
  bool plural = false;  // "ont dit", "estiment"
  int pronoun = 0;      // an inverted subject: 1 "-il", 2 "-elle", 3 "-ils", "-elles", "-on"
};

// "explique-t-il" -> "explique", 1.
int split_inversion(std::string_view& word) {
  static const std::pair<std::string_view, int> kSuffixes[] = {
      {"-t-elles", 3}, {"-t-elle", 2}, {"-t-ils", 3}, {"-t-il", 1}, {"-t-on", 3},
      {"-elles", 3},   {"-elle", 2},   {"-ils", 3},   {"-il", 1},   {"-on", 3}};
  for (const auto& [suffix, pronoun] : kSuffixes) {
    if (word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix) {
      word.remove_suffix(suffix.size());
      return pronoun;
    }
  }
  return 0;
}

// A quote's speaker: the full name and where it was read ("": unknown).
struct Speaker {
  std::string full;
  size_t begin = 0, end = 0;
};

class Attributor {
 public:
  Attributor(std::string_view text, const std::vector<Token>& tokens, const Names& names,
             const std::vector<Span>& quotes, const KnownPeople& people)
      : s_(text), t_(tokens), names_(names), quotes_(quotes), people_(people) {
    for (size_t i = 0; i < names.list.size(); ++i)
      if (!names.list[i].complement) antecedents_.push_back(i);
    paragraph_.reserve(tokens.size());
    uint32_t paragraph = 0;
    for (const Token& t : tokens) paragraph_.push_back(paragraph += t.kind == Kind::kBreak);
  }

  // The speakers of the quotes, in order.
  std::vector<Speaker> speakers();

 private:
  bool word_is(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && t_[i].lower == w;
  }
  bool boundary(size_t i) const;
  size_t sentence_start(size_t q) const;

  VerbGroup verb_group(size_t i, bool after_quote) const;
  VerbGroup compound_verb(size_t i, Aux aux, int pronoun, bool after_quote) const;
  Attribution after(size_t q) const;
  Attribution subject_after_verb(size_t start) const;
  Attribution before(size_t q) const;
  bool heads_sentence(size_t start, const Name& name) const;
  Attribution inverted_before_colon(size_t start, size_t colon) const;
  Attribution subject_and_verb(size_t start, size_t q) const;
  Attribution according_to(size_t start, size_t q) const;
  Attribution unnamed_subject(size_t start, size_t q) const;
  size_t skip_apposition(size_t i, size_t q) const;
  bool clean_gap(size_t from, size_t to, size_t max_tokens) const;
  Speaker antecedent(size_t token, int gender) const;
  bool connected(size_t from, size_t to) const;
  Attribution attribute(size_t k, size_t q, Speaker& speaker);
  Who incise(size_t quote, Speaker& named, int& gender) const;
  bool clause_ends(size_t i) const;
  Speaker speaker_of(const Name* name) const;

  std::string_view s_;
  const std::vector<Token>& t_;
  const Names& names_;
  const std::vector<Span>& quotes_;
  const KnownPeople& people_;
  std::vector<size_t> antecedents_;                  // names that are not complements, in order
  std::vector<size_t> unnamed_;                      // quotes whose attribution named nobody, in order
  std::vector<std::pair<size_t, Speaker>> incised_;  // quotes whose incise named their speaker, in order
  std::vector<uint32_t> paragraph_;                  // each token's paragraph
};

constexpr size_t kSentenceWindow = 40;  // tokens read before a quote
constexpr size_t kSubjectWindow = 14;   // tokens read for a subject after a verb

// The end of a sentence: . ! ? … ; a line break, or a quote that ends with
// its own final punctuation when a new clause follows it.
bool Attributor::boundary(size_t i) const {
  const Token& t = t_[i];
  if (t.kind == Kind::kBreak) return true;
  if (t.kind == Kind::kPunct) return ends_sentence(t.punct) || t.punct == ';';
  if (t.kind != Kind::kQuote || !t.final) return false;
  const bool continues =
      i + 1 < t_.size() && (punct_is(t_[i + 1], ',') || (t_[i + 1].kind == Kind::kWord && !t_[i + 1].capital));
  return !continues;
}

size_t Attributor::sentence_start(size_t q) const {
  size_t start = q;
  while (start > 0 && q - start < kSentenceWindow && !boundary(start - 1)) --start;
  return start;
}

// A verb of saying at token i, with its auxiliary, adverbs and inverted
// pronoun: "a déclaré", "a-t-il encore ajouté", "s’est-elle souvenue",
// "explique", "dit-il". After a quote any participle after an auxiliary will
// do ("», a tranché X"); before one the verb must be in the lexicon.
VerbGroup Attributor::verb_group(size_t i, bool after_quote) const {
  const bool reflexive = word_is(i, "s'") || word_is(i, "se");
  if (reflexive) ++i;
  if (i >= t_.size() || t_[i].kind != Kind::kWord) return {};
  std::string_view word = t_[i].lower;
  const int pronoun = split_inversion(word);
  const Aux aux = auxiliary(word, reflexive);
  if (aux != Aux::kNone) return compound_verb(i + 1, aux, pronoun, after_quote);
  VerbGroup g;
  g.pronoun = pronoun;
  if (const uint8_t forms = verb_forms(word); forms & (kFinite | kPlural)) {
    g.plural = !(forms & kFinite);
    g.end = i + 1;
  } else if (after_quote && pronoun != 0 && !t_[i].capital) {
    g.end = i + 1;  // "», sourit-il"
  } else if (!after_quote && (word == "de" || word == "d'") && i + 1 < t_.size() &&
             (verb_forms(t_[i + 1].lower) & kInfinitive)) {
    g.end = i + 2;  // "Et X de conclure : …"
  } else {
    return {};
  }
  g.found = true;
  return g;
}

// The rest of a compound tense from token i, after its auxiliary: "-t-il",
// adverbs, the participle ("a t-il encore ajouté", "a fait savoir").
VerbGroup Attributor::compound_verb(size_t i, Aux aux, int pronoun, bool after_quote) const {
  VerbGroup g;
  g.plural = aux == Aux::kPlural;
  g.pronoun = pronoun;
  if (pronoun == 0 && i < t_.size() && t_[i].kind == Kind::kWord) {
    std::string_view next = t_[i].lower;
    if ((g.pronoun = split_inversion(next)) != 0) ++i;  // "a t-il": a typo
  }
  for (size_t n = 0; n < 3 && i < t_.size() && t_[i].kind == Kind::kWord && is_adverb(t_[i].lower); ++n) ++i;
  if (i >= t_.size() || t_[i].kind != Kind::kWord || t_[i].capital) return {};
  const std::string_view participle = t_[i].lower;
  if (participle == "été" || participle == "eu") return {};  // "a été accusé": not the speaker
  const bool fait = participle == "fait" && (word_is(i + 1, "savoir") || word_is(i + 1, "valoir") ||
                                             word_is(i + 1, "remarquer") || word_is(i + 1, "observer"));
  const bool known = (verb_forms(participle) & kParticiple) || fait;
  if (!known && !(after_quote && !in(function_words(), participle))) return {};
  g.end = i + 1 + fait;
  g.found = true;
  return g;
}

// After the quote: "», a déclaré X", "», selon X", "», a-t-il ajouté".
Attribution Attributor::after(size_t q) const {
  size_t i = q + 1;
  if (i < t_.size() && punct_is(t_[i], ',')) ++i;
  Attribution a;
  if (word_is(i, "selon") || (word_is(i, "d'") && word_is(i + 1, "après"))) {
    const size_t at = i + (word_is(i, "selon") ? 1 : 2);
    if (word_is(at, "lui") || word_is(at, "elle")) {
      a = {Who::kPronoun, nullptr, word_is(at, "lui") ? 1 : 2, at, at + 1};
    } else {
      a = subject_after_verb(at);
    }
  } else {
    const VerbGroup g = verb_group(i, true);
    if (!g.found) return a;
    if (g.pronoun == 1 || g.pronoun == 2) {
      a = {Who::kPronoun, nullptr, g.pronoun, g.end - 1, g.end};
    } else if (g.pronoun == 3 || g.plural) {
      a = {Who::kUnknown, nullptr, 0, 0, g.end};
    } else {
      a = subject_after_verb(g.end);
    }
  }
  a.after = true;
  a.unnamed = a.who == Who::kUnknown;
  return a;
}

// The subject after an inverted verb: the first name that is not in a
// complement ("le porte-parole de X"), before the end of the clause: "a
// déclaré vendredi sur RTL le professeur X, pédiatre".
Attribution Attributor::subject_after_verb(size_t start) const {
  static const WordSet kStops = {"qui",   "que",   "qu'",   "dont",    "où",     "lequel",  "laquelle",
                                 "et",    "mais",  "ou",    "car",     "tandis", "lorsque", "lorsqu'",
                                 "quand", "lors",  "afin",  "puisque", "parce",  "selon",   "en",
                                 "avant", "après", "alors", "comme"};
  size_t i = start;
  for (; i < t_.size() && i < start + kSubjectWindow; ++i) {
    const Token& t = t_[i];
    if (boundary(i) || t.kind == Kind::kQuote) break;
    if (t.kind == Kind::kPunct && t.punct != ',' && t.punct != '\'' && t.punct != 0x2019) break;
    if (t.kind != Kind::kWord) continue;
    if (in(kStops, t.lower)) break;
    const bool gerund = t.lower.size() > 4 && t.lower.substr(t.lower.size() - 3) == "ant";
    if (gerund && i > start && punct_is(t_[i - 1], ',')) break;  // ", évoquant X"
    const Name* name = names_.starting_at(t_, i);
    if (!name) continue;
    if (!name->complement) return {Who::kName, name, 0, 0, name->last};
    i = name->last - 1;
  }
  return {Who::kUnknown, nullptr, 0, 0, i};
}

// Before the quote, in its sentence: "X : «", "X a affirmé que «",
// "Il a dit : «", "Selon X, «", "Pour X, «".
Attribution Attributor::before(size_t q) const {
  const size_t start = sentence_start(q);
  if (q == start) return {};
  if (q >= 2 && punct_is(t_[q - 1], ':')) {
    const Name* name = names_.at(q - 2);
    if (name && name->last == q - 1 && heads_sentence(start, *name)) return {Who::kName, name, 0, 0, q};
    const Attribution a = inverted_before_colon(start, q - 1);
    if (a.who != Who::kNone) return a;
  }
  Attribution a = subject_and_verb(start, q);
  if (a.who == Who::kNone) a = according_to(start, q);
  return a.who != Who::kNone ? a : unnamed_subject(start, q);
}

// "Le ministère a dénoncé « … »": a sentence whose subject is a noun, not a
// name, and a verb of saying a few words before the quote.
Attribution Attributor::unnamed_subject(size_t start, size_t q) const {
  size_t i = start;
  while (word_is(i, "et") || word_is(i, "mais")) ++i;
  if (i >= q || !determiner(t_[i])) return {};
  for (size_t v = i + 1; v < q; ++v) {
    if (names_.at(v) || t_[v].kind == Kind::kQuote) return {};
    const VerbGroup g = verb_group(v, false);
    if (!g.found) continue;
    if (!clean_gap(g.end, q, 12)) return {};
    Attribution a;
    a.who = Who::kUnknown;
    a.unnamed = true;
    a.end = q;
    return a;
  }
  return {};
}

// "X : «" names the speaker when X is the subject: no verb and no other name
// before it in the sentence ("Le maire de Nice, X : «", not "Il a
// interpellé X : «"), no preposition just before it ("Réaction de X :").
bool Attributor::heads_sentence(size_t start, const Name& name) const {
  const size_t first = with_title(t_, name.first);
  if (name.complement || first < start) return false;
  for (size_t k = start; k < first; ++k) {
    if (names_.at(k) || t_[k].kind == Kind::kQuote) return false;
    if (t_[k].kind == Kind::kWord && (verb_forms(t_[k].lower) || is_auxiliary(t_[k].lower))) return false;
  }
  return true;
}

// "…, note X, ancien ambassadeur à Paris : «", "…, explique-t-il : «": an
// inverted verb of saying after a comma, its subject, then nothing but an
// apposition (no name, no verb of saying) up to the colon. The closest such
// verb decides.
Attribution Attributor::inverted_before_colon(size_t start, size_t colon) const {
  for (size_t v = colon; v-- > start + 1;) {
    if (!punct_is(t_[v - 1], ',')) continue;
    const VerbGroup g = verb_group(v, false);
    if (!g.found) continue;
    if (g.plural || g.pronoun == 3) return {Who::kUnknown};
    if (g.pronoun != 0) {
      if (!clean_gap(g.end, colon, 20)) return {};
      return {Who::kPronoun, nullptr, g.pronoun, v, colon + 1};
    }
    const Attribution a = subject_after_verb(g.end);
    if (a.who != Who::kName || !clean_gap(a.end, colon, 20)) return {};
    return {Who::kName, a.name, 0, 0, colon + 1};
  }
  return {};
}

// The closest subject before the quote that a verb of saying follows, and
// nothing but a few words between that verb and the quote: no other name,
// no other quote.
Attribution Attributor::subject_and_verb(size_t start, size_t q) const {
  for (size_t t = q; t-- > start;) {
    const Name* name = names_.at(t);
    const bool pronoun = (word_is(t, "il") || word_is(t, "elle")) &&
                         (t == start || punct_is(t_[t - 1], ',') || word_is(t - 1, "et") || word_is(t - 1, "mais"));
    if (!(name && name->last == t + 1) && !pronoun) continue;
    const size_t subject_end = t + 1;
    if (name) t = name->first;
    size_t v = skip_apposition(subject_end, q);
    if (word_is(v, "qui")) ++v;
    while (v < q && t_[v].kind == Kind::kWord && is_adverb(t_[v].lower) && !word_is(v, "en")) ++v;
    const VerbGroup g = verb_group(v, false);
    if (!g.found || g.pronoun != 0) continue;
    if (g.plural || (name && name->complement)) return {Who::kUnknown};
    if (!clean_gap(g.end, q, 12)) return {};  // the verb's quote is another one: « A », estimant que « B »
    if (pronoun) return {Who::kPronoun, nullptr, word_is(t, "il") ? 1 : 2, t, q};
    return {Who::kName, name, 0, 0, q};
  }
  return {};
}

// "Selon X, «" or "d’après X," anywhere in the sentence, "Pour X, «" at its
// start; with no verb of saying between it and the quote.
Attribution Attributor::according_to(size_t start, size_t q) const {
  for (size_t t = q; t-- > start;) {
    size_t at = 0;
    if (word_is(t, "selon") || (word_is(t, "pour") && t == start)) at = t + 1;
    if (word_is(t, "d'") && word_is(t + 1, "après")) at = t + 2;
    if (at == 0 || at >= q) continue;
    if ((word_is(at, "lui") || word_is(at, "elle")) && punct_is(t_[at + 1], ',') && clean_gap(at + 2, q, 25))
      return {Who::kPronoun, nullptr, word_is(at, "lui") ? 1 : 2, at, q};
    const Name* name = names_.starting_at(t_, at);
    if (!name || name->last >= q || !punct_is(t_[name->last], ',')) return {};
    if (!clean_gap(name->last + 1, q, 25)) return {};
    return {Who::kName, name, 0, 0, q};
  }
  return {};
}

// After a subject, its apposition between commas or brackets: "X, ministre
// de la santé, a dit" -> the token of "a". A comma then a compound tense or
// "de" + infinitive goes on with the subject ("X, a dit", "X, de
// conclure"); a comma then a simple tense is an inverted verb whose subject
// follows ("X, explique le ministère").
size_t Attributor::skip_apposition(size_t i, size_t q) const {
  if (i >= q) return i;
  const char32_t close = punct_is(t_[i], ',') ? ',' : punct_is(t_[i], '(') ? ')' : 0;
  if (close == 0) return i;
  const size_t verb = i + 1 + (word_is(i + 1, "s'") || word_is(i + 1, "se"));
  const bool compound = verb < q && (is_auxiliary(t_[verb].lower) || word_is(verb, "de") || word_is(verb, "d'"));
  if (close == ',' && compound && verb_group(i + 1, false).found) return i + 1;
  for (size_t k = i + 1; k < q && k < i + 16; ++k) {
    if (punct_is(t_[k], close)) return k + 1;
    if (boundary(k) || t_[k].kind == Kind::kQuote || punct_is(t_[k], ':')) break;
  }
  return i;
}

// Between a verb of saying and its quote: a few words, no name, no quote,
// no end of sentence, no other verb of saying.
bool Attributor::clean_gap(size_t from, size_t to, size_t max_tokens) const {
  if (to < from || to - from > max_tokens) return false;
  for (size_t k = from; k < to; ++k) {
    if (boundary(k) || t_[k].kind == Kind::kQuote || names_.at(k)) return false;
    if (t_[k].kind == Kind::kWord && (verb_forms(t_[k].lower) & (kFinite | kParticiple | kPlural))) return false;
  }
  return true;
}

// The person a pronoun at `token` stands for: the last person named before
// it, outside quotes and not in a complement, or in the incise of a quote;
// in the same paragraph or the one before. Nobody when after that person an
// attribution named nobody ("a dit le ministre") or an unknown name came,
// or when a title or a role says the gender differs.
Speaker Attributor::antecedent(size_t token, int gender) const {
  const auto name_it = std::lower_bound(antecedents_.begin(), antecedents_.end(), token,
                                        [&](size_t n, size_t tok) { return names_.list[n].last <= tok; });
  const Name* name = name_it == antecedents_.begin() ? nullptr : &names_.list[*(name_it - 1)];
  Speaker found = speaker_of(name);
  size_t first = name ? name->first : 0, last = name ? name->last : 0;
  const auto incised_it = std::lower_bound(incised_.begin(), incised_.end(), token,
                                           [](const auto& incised, size_t tok) { return incised.first < tok; });
  if (incised_it != incised_.begin() && (!name || (incised_it - 1)->first > last)) {
    found = (incised_it - 1)->second;
    first = last = (incised_it - 1)->first;
  }
  if (found.full.empty() || paragraph_[token] > paragraph_[first] + 1) return {};
  for (const std::vector<size_t>* later : {&unnamed_, &names_.others}) {
    const auto it = std::lower_bound(later->begin(), later->end(), token);
    if (it != later->begin() && *(it - 1) >= last) return {};
  }
  const auto g = names_.genders.find(found.full);
  if (g != names_.genders.end() && g->second != 3 && g->second != gender) return {};
  return found;
}

// Whether the tokens between two quotes of a sentence only join them:
// "« A » et « B »", "« A », a dit X, avant d’ajouter : « B »".
bool Attributor::connected(size_t from, size_t to) const {
  static const WordSet kJoins = {"et", "mais",  "ou",   "puis",  "encore",  "aussi",     "désormais", "avant",
                                 "d'", "de",    "que",  "qu'",   "ainsi",   "également", "même",      "voire",
                                 "ni", "car",   "plus", "enfin", "ensuite", "alors",     "en",        "qui",
                                 "a",  "avait", "lui",  "leur",  "tard",    "loin",      "s'",        "se"};
  if (to < from || to - from > 8) return false;
  for (size_t k = from; k < to; ++k) {
    const Token& t = t_[k];
    if (t.kind == Kind::kPunct && (t.punct == ',' || t.punct == ':')) continue;
    if (t.kind != Kind::kWord || names_.at(k)) return false;
    if (!in(kJoins, t.lower) && !verb_forms(t.lower)) return false;
  }
  return true;
}

// "« A, reconnaît-il. B »", "« A, assure X, le président de Y. B »": Le
// Monde writes the attribution inside the quote, after a comma and before
// the end of a clause. Read with the quote's own tokens; the verb must be a
// verb of saying. Fills `named` for a name, `gender` for a pronoun;
// kUnknown for a subject that is no name (", explique le ministre").
Who Attributor::incise(size_t quote, Speaker& named, int& gender) const {
  const Span& span = quotes_[quote];
  const std::string_view inner = s_.substr(span.begin, span.end - span.begin);
  const std::vector<Token> tokens = tokenize(inner, {});
  const Names names = find_names(inner, tokens, people_);
  const Attributor inside(inner, tokens, names, {}, people_);
  for (size_t i = 1; i + 1 < tokens.size(); ++i) {
    if (!punct_is(tokens[i], ',')) continue;
    const VerbGroup g = inside.verb_group(i + 1, false);
    if (!g.found || g.plural || g.pronoun == 3) continue;
    if (g.pronoun != 0) {
      if (!inside.clause_ends(g.end)) continue;
      gender = g.pronoun;
      return Who::kPronoun;
    }
    const Attribution a = inside.subject_after_verb(g.end);
    if (a.who != Who::kName || !inside.clause_ends(a.end)) {
      if (g.end < tokens.size() && determiner(tokens[g.end])) return Who::kUnknown;  // ", explique le ministre"
      continue;
    }
    named = inside.speaker_of(a.name);
    named.begin += span.begin;
    named.end += span.begin;
    return Who::kName;
  }
  return Who::kNone;
}

// The end of a clause: punctuation or the end of the text.
bool Attributor::clause_ends(size_t i) const {
  return i >= t_.size() || boundary(i) || (t_[i].kind == Kind::kPunct && t_[i].punct != '\'' && t_[i].punct != 0x2019);
}

Speaker Attributor::speaker_of(const Name* name) const {
  if (!name) return {};
  return {name->full, t_[name->first].begin, t_[name->last - 1].end};
}

// Quote k's own attribution, read around it, else inside it; fills its
// speaker. A pronoun after a quote whose incise names someone is that
// person: « A, explique X. B », ajoute-t-il.
Attribution Attributor::attribute(size_t k, size_t q, Speaker& speaker) {
  Attribution a = after(q);
  if (a.who == Who::kNone) a = before(q);
  if (a.who == Who::kNone || a.who == Who::kPronoun) {
    Speaker named;
    int gender = 0;
    const Who inside = incise(k, named, gender);
    if (inside == Who::kName) {
      a.who = Who::kName;
      speaker = named;
      incised_.emplace_back(q, named);
      return a;
    }
    if (inside == Who::kUnknown) a = {Who::kUnknown, nullptr, 0, 0, q + 1, false, true};
    if (inside == Who::kPronoun && a.who == Who::kNone) a = {Who::kPronoun, nullptr, gender, q, q + 1};
  }
  if (a.who == Who::kName) speaker = speaker_of(a.name);
  if (a.who == Who::kPronoun) speaker = antecedent(std::min(a.pronoun, q), a.gender);
  if (a.unnamed) unnamed_.push_back(q);
  return a;
}

std::vector<Speaker> Attributor::speakers() {
  const size_t count = quotes_.size();
  std::vector<size_t> at(count);  // each quote's token
  for (size_t i = 0; i < t_.size(); ++i)
    if (t_[i].kind == Kind::kQuote) at[t_[i].quote] = i;
  std::vector<Attribution> own(count);
  std::vector<Speaker> speaker(count);
  for (size_t k = 0; k < count; ++k) own[k] = attribute(k, at[k], speaker[k]);
  // Quotes without an attribution of their own take their neighbour's.
  for (size_t k = 1; k < count; ++k) {
    const size_t from = own[k - 1].after ? own[k - 1].end : at[k - 1] + 1;
    if (own[k].who == Who::kNone && !boundary(at[k - 1]) && connected(from, at[k])) {
      own[k] = own[k - 1];
      own[k].after = false;  // the next quote joins this one, not its neighbour's attribution
      speaker[k] = speaker[k - 1];
    }
  }
  for (size_t k = count; k-- > 1;) {
    if (own[k - 1].who == Who::kNone && own[k].after && !boundary(at[k - 1]) && connected(at[k - 1] + 1, at[k])) {
      own[k - 1] = own[k];
      speaker[k - 1] = speaker[k];
    }
  }
  return speaker;
}

}  // namespace

std::vector<Quote> extract_quotes(std::string_view text, const std::vector<std::string>& people) {
  const std::vector<Span> spans = find_quotes(text);
  if (spans.empty()) return {};
  const std::vector<Token> tokens = tokenize(text, spans);
  const KnownPeople known(people);
  const Names names = find_names(text, tokens, known);
  std::vector<Speaker> speakers = Attributor(text, tokens, names, spans, known).speakers();
  std::vector<Quote> quotes(spans.size());
  for (size_t k = 0; k < spans.size(); ++k) {
    Quote& q = quotes[k];
    q.begin = spans[k].begin;
    q.end = spans[k].end;
    q.text = std::string(text.substr(q.begin, q.end - q.begin));
    q.speaker = std::move(speakers[k].full);
    if (!q.speaker.empty()) {
      q.speaker_begin = speakers[k].begin;
      q.speaker_end = speakers[k].end;
    }
  }
  return quotes;
}

}  // namespace gazette
