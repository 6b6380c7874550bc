// The rules that find people's names in an article (entity_text.h): after
// a given name, a title or a role, as entity_extractor.cc describes.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "entities/gazetteer.h"
#include "entities/text.h"

namespace gazette::entities {

constexpr size_t kMaxNameWords = 5;

// A person's name found in the text: its words ("units": hyphenated words
// are one) with the particles between them.
struct Name {
  size_t first = 0, last = 0;                                            // tokens
  std::array<std::pair<uint32_t, uint32_t>, kMaxNameWords + 3> units{};  // token ranges
  std::array<bool, kMaxNameWords + 3> particle{};
  size_t count = 0, words = 0;  // units, units that are not particles
};

class NameFinder {
 public:
  NameFinder(const Gazetteer& gazetteer, const ArticleText& text) : g_(gazetteer), t_(text) {}

  // The name that starts at token i: capitalised words, with particles
  // between them. `leading_particle`: "Mme Le Pen", "M. de Villepin".
  bool read_name(size_t i, bool leading_particle, Name& name) const;

  // "Emmanuel Macron": a known given name, then a surname.
  bool given_name_person(size_t i, Name& name) const;
  // "M. Castex", "Mme Le Pen": a title right before token i.
  bool titled_person(size_t i, Name& name) const;
  // "le président Macron", "le ministre russe de la Défense, Sergueï Choïgou".
  bool role_person(size_t i, Name& name) const;
  // "« … », affirme Giorgos": the name right after a verb of saying that
  // follows a closing quote (and a comma), the quote's speaker. A medium
  // cited so ("», précise Newsweek") is taken for a person; a quote that
  // ends with "?" or "!" ends a sentence, and is not read so.
  bool speaker(size_t i, Name& name) const;
  // "Sibeth Ndiaye a déclaré", "Giusi Nicolini affirme": two capitalised
  // words or more (a candidate(), below) that are the subject of a verb of
  // saying right after them.
  bool subject_of_saying(size_t i, Name& name) const;
  // "les frères Fabien et Jean-Michel Clain", "Pierre et Marie Curie": the
  // given name [first, last] alone before "et" and `name`, a person named in
  // full from a given name, which shares its surname: name.units from
  // `surname_unit` on. Not when the article writes that given name alone or
  // with another surname elsewhere ("Neymar et Sergio Ramos").
  bool given_before_and(const Name& name, size_t& first, size_t& last, size_t& surname_unit) const;
  // A run of two capitalised words or more that may be a person if written
  // twice: neither first nor last word is a common word, none is in capitals.
  bool candidate(size_t i, Name& name) const;
  // "secourus par le Geo Barents", "l’air du Don Giovanni": French puts no
  // article before a person's name; a ship, a work or a product takes one.
  bool after_article(size_t i) const;

 private:
  // The parts of read_name(). Whether token k goes on a name begun in `sentence`.
  bool continues_name(size_t k, uint32_t sentence) const;
  // Past the particles from token `pos` (at most three: "von der").
  size_t particles_end(size_t pos, uint32_t sentence) const;
  // Whether the particles [pos, next) and the word at `next` go on `name`.
  bool particles_join(size_t pos, size_t next, const Name& name, uint32_t sentence) const;
  // Whether the capitalised word at `pos` goes on `name`.
  bool word_joins(size_t pos, const Name& name) const;
  // Drops trailing particles, and common words past two words.
  void trim_end(Name& name) const;
  // "Jean-Luc Mélenchon Sophia Chikirou", "M. Tsipras Yanis Varoufakis": a
  // comma lost before the next person's given name ends the name there, when
  // a surname precedes that given name and a word follows it.
  void cut_before_next_person(Name& name) const;
  bool is_given_unit(size_t i) const;
  size_t first_word(const Name& n) const;
  bool filler_at(size_t k, size_t len) const;
  size_t filler_ends_at(size_t j) const;
  size_t filler_starts_at(size_t k, size_t limit) const;

  const Gazetteer& g_;
  const ArticleText& t_;
};

}  // namespace gazette::entities
