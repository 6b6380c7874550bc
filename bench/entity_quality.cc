// gazette-entity-quality: named-entity extraction measured on Le Monde's own
// keywords (../shared/eval/keywords.tsv). Prints figures; it is a measurement,
// not a test.
//
//  - Recall by type. A keyword names a person, a place or an organisation when
//    the extractor's lookup() knows it: a gazetteer name (places and
//    organisations), or a name starting with a known given name (people); a
//    keyword that lookup() does not know but that is the name of a person
//    extracted from at least two articles of the corpus is a person too.
//    Other keywords are topics ("Économie", "Guerre en Ukraine") and are not
//    counted. A typed keyword is found when one of the article's entities has
//    the same id, or a name or written form that folds to the same words.
//    Keywords naming continents and world regions ("Europe", "Amériques",
//    which Le Monde uses as sections) are also reported apart.
//  - Precision: a random sample of extracted entities (fixed seed) with the
//    article title and the sentence around the first mention, to check by hand.
//  - Speed: extraction time per article over the whole file.
//  - With --judged: precision and recall by type on the articles tagged by
//    hand (tests/data/entities-gold/, bench/entity_judgments.h), overall, by
//    source and by set; --misses lists what was missed or wrongly found in
//    the "dev" set (the "check" set is measured, never read for tuning).
#include <zlib.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bench/entity_judgments.h"
#include "bench/gz_lines.h"
#include "common/article.h"
#include "common/french_analyzer.h"
#include "entities/entity_extractor.h"
#include "entities/gazetteer.h"

namespace {

using gazette::Entity;
using gazette::EntityType;

struct Article {
  std::string id, title, summary, body;
};

std::string context(const Article& a, const std::string& form) {
  for (const std::string* text : {&a.title, &a.summary, &a.body}) {
    size_t at = text->find(form);
    if (at == std::string::npos) continue;
    size_t from = at > 80 ? at - 80 : 0, to = std::min(text->size(), at + form.size() + 80);
    while (from > 0 && (static_cast<unsigned char>((*text)[from]) & 0xC0) == 0x80) --from;
    while (to < text->size() && (static_cast<unsigned char>((*text)[to]) & 0xC0) == 0x80) ++to;
    std::string s = text->substr(from, to - from);
    for (char& c : s)
      if (c == '\n') c = ' ';
    return "…" + s + "…";
  }
  return "";
}

using Keywords = std::map<std::string, std::vector<std::string>>;  // article id -> keywords

// The judgments: id<TAB>keyword lines after a header.
std::optional<Keywords> read_keywords(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  Keywords keywords;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) keywords[line.substr(0, tab)].push_back(line.substr(tab + 1));
  }
  return keywords;
}

// What one pass of the extractor over the corpus gives.
struct Extraction {
  std::vector<Article> judged;  // the articles that have keywords
  std::vector<std::vector<Entity>> judged_entities;
  std::unordered_map<std::string, std::unordered_set<std::string>> person_articles;  // folded name -> ids
  double seconds = 0, tokenize_seconds = 0;
  size_t articles = 0, words = 0, entities = 0, tokens = 0;
};

Extraction extract_corpus(gzFile file, const gazette::EntityExtractor& extractor, const Keywords& keywords) {
  Extraction x;
  std::string line;
  while (gazette::bench::read_line(file, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    Article a{j.value("id", ""), j.value("title", ""), j.value("summary", ""), j.value("body", "")};
    auto start = std::chrono::steady_clock::now();
    const gazette::FreeText text = gazette::free_text(a.summary, a.body);  // as the indexer reads it
    std::vector<Entity> found = extractor.extract(a.title, text.summary, text.body);
    x.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++x.articles;
    x.entities += found.size();
    // gazette::tokenize alone, which the indexer runs anyway, for comparison.
    start = std::chrono::steady_clock::now();
    for (const std::string* t : {&a.title, &a.summary, &a.body})
      gazette::tokenize(*t, [&](const gazette::Token&) { ++x.tokens; });
    x.tokenize_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const std::string* t : {&a.title, &a.summary, &a.body}) {
      bool in_word = false;
      for (char c : *t) {
        bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) ++x.words;
        in_word = !space;
      }
    }
    for (const auto& e : found)
      if (e.type == EntityType::kPerson) x.person_articles[gazette::facet_key(e.name)].insert(a.id);
    if (keywords.count(a.id)) {
      x.judged.push_back(std::move(a));
      x.judged_entities.push_back(std::move(found));
    }
  }
  return x;
}

// Recall by type, and with --misses and --typed the keywords behind it.
void report_recall(const Extraction& x, const Keywords& keywords, const gazette::EntityExtractor& extractor,
                   const gazette::Gazetteer& gazetteer, bool misses, bool typed) {
  const auto& judged = x.judged;
  const auto& judged_entities = x.judged_entities;
  struct Tally {
    size_t keywords = 0, found = 0, in_text = 0, found_in_text = 0;
  };
  std::map<std::string, Tally> tally;
  std::map<std::string, size_t> typed_by;
  std::map<std::string, std::map<std::string, size_t>> missed, typed_keywords;
  for (size_t k = 0; k < judged.size(); ++k) {
    const Article& a = judged[k];
    std::string text_key = " " + gazette::facet_key(a.title + "\n" + a.summary + "\n" + a.body) + " ";
    for (const auto& kw : keywords.at(a.id)) {
      std::string key = gazette::facet_key(kw);
      std::optional<Entity> known = extractor.lookup(kw);
      EntityType type;
      if (known) {
        type = known->type;
        ++typed_by[known->type == EntityType::kPerson ? "lookup: given name" : "lookup: gazetteer"];
      } else if (auto person = x.person_articles.find(key);
                 person != x.person_articles.end() && person->second.size() >= 2) {
        type = EntityType::kPerson;
        ++typed_by["extracted person name"];
      } else {
        continue;
      }
      bool found = false;
      for (const auto& e : judged_entities[k]) {
        if ((known && e.id == known->id) || gazette::facet_key(e.name) == key) found = true;
        for (const auto& alias : e.aliases)
          if (gazette::facet_key(alias) == key) found = true;
      }
      bool in_text = text_key.find(" " + key + " ") != std::string::npos;
      std::string how = known ? "" : " (from extracted names)";
      ++typed_keywords[gazette::entity_type_name(type) + how][kw];
      std::string label = gazette::entity_type_name(type);
      std::vector<std::string> labels{label};
      if (const auto* node = gazetteer.find(key);
          node && !node->aliases.empty() &&
          gazetteer.entry(node->aliases[0].entry).source == gazette::EntrySource::kWorldRegion)
        labels.push_back("place: continents, world regions");
      else if (type == EntityType::kPlace)
        labels.push_back("place: others");
      for (const auto& l : labels) {
        Tally& t = tally[l];
        ++t.keywords;
        t.found += found;
        t.in_text += in_text;
        t.found_in_text += found && in_text;
      }
      if (!found) ++missed[label + (in_text ? " (in text)" : " (not in text)")][kw];
    }
  }
  std::printf("\nkeywords typed: ");
  for (const auto& [how, n] : typed_by) std::printf("%s %zu; ", how.c_str(), n);
  std::printf("\n\nrecall by type over %zu judged articles (keyword found among the article's entities)\n",
              judged.size());
  std::printf("%-36s %8s %8s %8s %16s\n", "type", "keywords", "found", "recall", "recall if in text");
  for (const auto& [label, t] : tally)
    std::printf("%-36s %8zu %8zu %8.3f %8.3f (%zu)\n", label.c_str(), t.keywords, t.found,
                static_cast<double>(t.found) / t.keywords,
                t.in_text ? static_cast<double>(t.found_in_text) / t.in_text : 0.0, t.in_text);
  if (misses)
    for (const auto& [label, kws] : missed) {
      std::printf("\nmissed, %s:", label.c_str());
      std::vector<std::pair<size_t, std::string>> sorted;
      for (const auto& [kw, n] : kws) sorted.emplace_back(n, kw);
      std::sort(sorted.rbegin(), sorted.rend());
      for (const auto& [n, kw] : sorted) std::printf(" %s (%zu);", kw.c_str(), n);
      std::printf("\n");
    }

  if (typed)
    for (const auto& [label, kws] : typed_keywords) {
      std::printf("\nkeywords typed %s:", label.c_str());
      for (const auto& [kw, n] : kws) std::printf(" %s (%zu);", kw.c_str(), n);
      std::printf("\n");
    }
}

// A sample of extracted entities for the precision check by hand.
void print_sample(const Extraction& x, size_t sample_size, unsigned seed) {
  const auto& judged = x.judged;
  const auto& judged_entities = x.judged_entities;
  std::vector<std::pair<size_t, size_t>> all;
  for (size_t k = 0; k < judged.size(); ++k)
    for (size_t e = 0; e < judged_entities[k].size(); ++e) all.emplace_back(k, e);
  std::mt19937 rng(seed);
  std::shuffle(all.begin(), all.end(), rng);
  all.resize(std::min(all.size(), sample_size));
  std::printf("\nsample of %zu extracted entities (seed %u), for a check by hand:\n", all.size(), seed);
  for (size_t s = 0; s < all.size(); ++s) {
    const Article& a = judged[all[s].first];
    const Entity& e = judged_entities[all[s].first][all[s].second];
    std::string forms;
    for (const auto& alias : e.aliases) forms += (forms.empty() ? "" : " | ") + alias;
    std::printf("%3zu. [%s] %s  (%s; %u×: %s)\n     title: %s\n     %s\n", s + 1, gazette::entity_type_name(e.type),
                e.name.c_str(), e.id.c_str(), e.mentions, forms.c_str(), a.title.c_str(),
                context(a, e.aliases.empty() ? e.name : e.aliases[0]).c_str());
  }
}

// Precision and recall on the articles tagged by hand.
void report_judged(const std::vector<gazette::bench::JudgedArticle>& articles,
                   const gazette::EntityExtractor& extractor, bool misses, const std::string& misses_set) {
  using gazette::bench::EntityScore;
  std::map<std::string, EntityScore> scores;  // "all", "source X", "set X"
  std::vector<gazette::bench::ArticleScore> dev;
  for (const auto& a : articles) {
    const gazette::FreeText text = gazette::free_text(a.summary, a.body);  // as the indexer reads it
    gazette::bench::ArticleScore s =
        gazette::bench::score_article(a, extractor.extract(a.title, text.summary, text.body));
    for (const std::string& group : {std::string("all"), "source " + a.source, "set " + a.set}) scores[group].add(s);
    if (a.set == misses_set) dev.push_back(std::move(s));
  }
  auto figure = [](std::optional<double> v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, v ? "%.3f" : "-", v.value_or(0));
    return std::string(buf);
  };
  std::printf("\nentities tagged by hand: %zu articles\n", articles.size());
  std::printf("%-22s %7s %7s %7s | %-17s | %-17s | %-17s\n", "articles", "tagged", "found", "matched", "person P / R",
              "place P / R", "organisation P / R");
  for (const auto& [group, s] : scores) {
    std::printf("%-22s %7zu %7zu %7zu | P %s R %s", group.c_str(), s.total(s.tagged), s.total(s.extracted),
                s.total(s.matched), figure(s.precision()).c_str(), figure(s.recall()).c_str());
    for (auto type : gazette::kEntityTypes)
      std::printf(" | %s / %s", figure(s.precision(type)).c_str(), figure(s.recall(type)).c_str());
    std::printf("\n");
  }
  if (!misses) return;
  for (const auto& s : dev)
    for (const auto& o : s.outcomes)
      if (o.outcome != gazette::bench::Outcome::kMatched)
        std::printf("%s %-10s %-12s %s  (%s)\n", s.article->id.c_str(), gazette::bench::outcome_name(o.outcome),
                    gazette::entity_type_name(o.type), o.name.c_str(), o.forms.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures named-entity extraction against Le Monde's keywords."};
  std::string corpus = "../shared/corpus/lemonde2022.jsonl.gz", keywords_path = "../shared/eval/keywords.tsv";
  std::string geo = "build/geo/entities-data.tsv";
  size_t sample_size = 100;
  unsigned seed = 20220101;
  bool misses = false, typed = false;
  std::string judged_path;
  app.add_option("--corpus", corpus, "Le Monde JSON Lines (gzip)");
  app.add_option("--keywords", keywords_path, "id<TAB>keyword judgments");
  app.add_option("--geo", geo, "the TSV of scripts/fetch-geo-data.sh (\"\" for none)");
  app.add_option("--sample", sample_size, "entities to print for the precision check");
  app.add_option("--seed", seed, "seed of the sample");
  app.add_flag("--misses", misses, "print the keywords not found");
  app.add_flag("--typed", typed, "print the keywords counted, with their type");
  app.add_option("--judged", judged_path, "articles tagged by hand (tests/data/entities-gold/articles.jsonl)");
  bool judged_only = false;
  std::string misses_set = "dev";
  app.add_option("--misses-set", misses_set, "the set whose misses --misses prints (dev)");
  app.add_flag("--judged-only", judged_only, "only the articles tagged by hand, not the whole corpus");
  CLI11_PARSE(app, argc, argv);

  std::optional<Keywords> keywords = read_keywords(keywords_path);
  if (!keywords) {
    std::cerr << "cannot read " << keywords_path << "\n";
    return 1;
  }

  auto load_start = std::chrono::steady_clock::now();
  gazette::EntityExtractor extractor(geo);
  double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  gazette::Gazetteer gazetteer(geo);  // to tell world regions apart
  std::printf("dictionaries loaded in %.3f s (data file %s)\n", load_seconds,
              extractor.has_geo_data() ? geo.c_str() : "absent");

  if (!judged_path.empty()) {
    std::string error;
    auto judged = gazette::bench::read_judged_articles(judged_path, corpus.substr(0, corpus.find_last_of('/')), error);
    if (!judged) {
      std::cerr << error << "\n";
      return 1;
    }
    report_judged(*judged, extractor, misses, misses_set);
    if (judged_only) return 0;
  }

  gzFile file = gzopen(corpus.c_str(), "rb");
  if (!file) {
    std::cerr << "cannot read " << corpus << "\n";
    return 1;
  }
  const Extraction x = extract_corpus(file, extractor, *keywords);
  gzclose(file);
  std::printf(
      "extraction: %zu articles, %.0f words per article, %.1f entities per article, "
      "%.3f ms per article (%.3f ms per 600 words)\n",
      x.articles, static_cast<double>(x.words) / x.articles, static_cast<double>(x.entities) / x.articles,
      1000 * x.seconds / x.articles, 1000 * x.seconds / x.words * 600);
  std::printf("for comparison, gazette::tokenize alone: %.3f ms per article\n", 1000 * x.tokenize_seconds / x.articles);
  report_recall(x, *keywords, extractor, gazetteer, misses, typed);
  print_sample(x, sample_size, seed);
  return 0;
}
