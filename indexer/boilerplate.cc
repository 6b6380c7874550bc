#include "indexer/boilerplate.h"
#include "common/whitespace.h"

#include "indexer/text_importer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string_view>
#include <vector>

namespace gazette {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// A link line is short: longer paragraphs that start so are text.
constexpr size_t kMaxLinkBytes = 400;

bool is_link(std::string_view p) {
  if (p.size() > kMaxLinkBytes) return false;
  if (p == "Article réservé à nos abonnés") return true;
  for (std::string_view prefix : {"Lire aussi", "LIRE AUSSI", "Lire l’", "Lire l'", "Lire le ", "Lire la ", "Lire les ",
                                  "Lire notre ", "Lire nos ", "À lire aussi", "A lire aussi", "Voir aussi"})
    if (starts_with(p, prefix)) return true;
  return false;
}

// What an embedded social network post leaves when its post is not shown:
// "View this post on Instagram", "A post shared by Led By Donkeys
// (@ledbydonkeys)" (117 paragraphs of the corpus), which made "By Donkeys" a
// person. A quoted tweet's text is the article's and stays.
bool is_embed(std::string_view p) {
  if (p == "View this post on Instagram" || p == "Voir cette publication sur Instagram") return true;
  if (p.empty() || p.size() > 200 || p.back() != ')' || p.find("(@") == std::string_view::npos) return false;
  return starts_with(p, "A post shared by ") || starts_with(p, "Une publication partagée par ");
}

// The text of a web form left in the page: Le Monde's calls for
// testimonies end with the same form and its rules (4 KB, word for word in
// each call), which matched searches for "pornographie" or "diffamation"
// and made every call look like a copy of the others.
bool is_form(std::string_view p) {
  for (std::string_view prefix : {"RÈGLEMENT DES DÉPÔTS DE TÉMOIGNAGE", "Règles applicables à la Contribution",
                                  "« Je certifie être l’auteur de ce contenu",
                                  "Votre adresse e-mail ne sera pas publiée et ne sera utilisée que"})
    if (starts_with(p, prefix)) return true;
  return false;
}

bool is_identifier_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

// "d3.selectAll(x).style(a, b)", "toggleCase(this)", "f(x);": the whole
// paragraph is calls on dotted names, with nothing but arguments between.
bool is_call_chain(std::string_view p) {
  size_t i = 0, calls = 0;
  while (i < p.size()) {
    size_t start = i;
    while (i < p.size() && (is_identifier_byte(p[i]) || (p[i] == '.' && i > start))) ++i;
    if (i == start || i == p.size() || p[i] != '(') return false;
    int depth = 0;
    for (; i < p.size(); ++i) {
      if (p[i] == '(') ++depth;
      if (p[i] == ')' && --depth == 0) break;
    }
    if (i == p.size()) return false;
    ++i;
    ++calls;
    if (i < p.size() && p[i] == ';') ++i;
    if (i < p.size() && p[i] == '.')
      ++i;
    else if (i < p.size())
      return false;
  }
  return calls > 0;
}

// "#tableau_restrictions .d_ligne:not(.entete):hover .d_cellule.cat,": a
// selector list, or a rule with braces.
bool is_css(std::string_view p) {
  if (p.empty() || (p[0] != '#' && p[0] != '.') || p.size() < 2 || !is_identifier_byte(p[1])) return false;
  for (char c : p)
    if (c == ' ' || c == '.' || c == '#' || c == ':' || c == ',' || c == '(' || c == ')' || c == '{' || c == '}' ||
        c == ';' || c == '-' || c == '>' || c == '"' || c == '=' || c == '[' || c == ']' || is_identifier_byte(c))
      continue;
    else
      return false;
  return true;
}

bool is_code(std::string_view p) {
  if (p.find("-->") != std::string_view::npos || starts_with(p, "<!--")) return true;
  // Comments, definitions and arrow functions: French prose has none.
  if (starts_with(p, "// ") || p.find("=> ") != std::string_view::npos) return true;
  if (starts_with(p, "function ") && p.find('(') != std::string_view::npos) return true;
  if (p.find(' ') == std::string_view::npos || p.back() == ')' || p.back() == ';')
    if (is_call_chain(p)) return true;
  return is_css(p);
}

// The credit at the end of a caption, "THOMAS SAMSON / AFP" or "ANTHONY
// MICALLEF / HAYTHAM POUR « LE MONDE »": from the start of the last run of
// words without a lower-case letter that holds " / ", to the end. Its byte
// offset, or npos.
size_t credit_start(std::string_view p) {
  size_t slash = p.rfind(" / ");
  if (slash == std::string_view::npos || p.size() - slash > 80) return std::string_view::npos;
  // No lower case letter from the credit's start to the end, which starts
  // after the caption's last sentence (". ") or at the paragraph's start.
  size_t sentence = p.rfind(". ", slash);
  size_t start = sentence == std::string_view::npos ? 0 : sentence + 2;
  if (slash - start > 80) return std::string_view::npos;
  const auto* s = reinterpret_cast<const uint8_t*>(p.data());
  const int32_t end = static_cast<int32_t>(p.size());
  int upper = 0;
  for (int32_t i = static_cast<int32_t>(start); i < end;) {
    UChar32 c;
    U8_NEXT(s, i, end, c);
    if (c < 0 || u_islower(c)) return std::string_view::npos;
    upper += u_isupper(c) ? 1 : 0;
  }
  return upper >= 4 ? start : std::string_view::npos;
}

}  // namespace

BoilerplateDropped drop_boilerplate(std::string& body) {
  BoilerplateDropped dropped;
  std::string out;
  out.reserve(body.size());
  size_t i = 0;
  while (i <= body.size()) {
    size_t end = body.find("\n\n", i);
    if (end == std::string::npos) end = body.size();
    std::string_view p = trim_whitespace(std::string_view(body.data() + i, end - i));
    // Credits first, all of them, so that a second pass finds nothing to drop.
    for (size_t credit; !p.empty() && (credit = credit_start(p)) != std::string_view::npos;) {
      ++dropped.credits;
      p = trim_whitespace(p.substr(0, credit));
    }
    bool keep = true;
    if (is_link(p)) {
      ++dropped.links;
      keep = false;
    } else if (is_code(p)) {
      ++dropped.code;
      keep = false;
    } else if (is_form(p)) {
      ++dropped.form;
      keep = false;
    } else if (is_embed(p)) {
      ++dropped.embeds;
      keep = false;
    }
    if (keep && !p.empty()) {
      if (!out.empty()) out += "\n\n";
      out += p;
    }
    i = end + 2;
  }
  if (dropped.total()) body = std::move(out);
  return dropped;
}

}  // namespace gazette
