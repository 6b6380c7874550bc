#include "bench/entity_judgments.h"

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "bench/gz_lines.h"
#include "common/french_analyzer.h"
#include "indexer/boilerplate.h"

namespace gazette::bench {

namespace {

// The value of the first "id" field of a JSON line, without parsing it all.
std::string_view line_id(std::string_view line) {
  size_t at = line.find("\"id\"");
  if (at == std::string_view::npos) return {};
  size_t open = line.find('"', line.find(':', at) + 1), close = line.find('"', open + 1);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  return line.substr(open + 1, close - open - 1);
}

// Fills the text of `articles` (id -> article) from one corpus file (gzip or
// plain: zlib reads both).
void read_texts(const std::string& file, std::map<std::string, JudgedArticle*>& wanted) {
  gzFile in = gzopen(file.c_str(), "rb");
  if (!in) return;
  std::string line;
  while (!wanted.empty() && read_line(in, line)) {
    auto it = wanted.find(std::string(line_id(line)));
    if (it == wanted.end()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    JudgedArticle& a = *it->second;
    a.title = j.value("title", "");
    a.summary = j.value("summary", "");
    a.body = j.value("body", "");
    drop_boilerplate(a.body);
    wanted.erase(it);
  }
  gzclose(in);
}

}  // namespace

std::optional<std::vector<JudgedArticle>> read_judged_articles(const std::string& path, const std::string& corpus_dir,
                                                               std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot read";
    return std::nullopt;
  }
  std::vector<JudgedArticle> articles;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    auto fail = [&](const std::string& why) {
      error = path + ":" + std::to_string(n) + ": " + why;
      return std::nullopt;
    };
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail("not a JSON object");
    JudgedArticle a;
    for (auto [field, to] : {std::pair{"id", &a.id}, {"source", &a.source}, {"set", &a.set}}) {
      if (!j.contains(field) || !j[field].is_string()) return fail(std::string("no string field \"") + field + "\"");
      *to = j[field].get<std::string>();
    }
    if (!j.contains("entities") || !j["entities"].is_array()) return fail("no list \"entities\"");
    for (const auto& e : j["entities"]) {
      JudgedEntity entity;
      std::optional<EntityType> type = e.contains("type") && e["type"].is_string()
                                           ? entity_type_from_name(e["type"].get<std::string>())
                                           : std::nullopt;
      if (!type) return fail("an entity without a known \"type\"");
      entity.type = *type;
      if (!e.contains("name") || !e["name"].is_string()) return fail("an entity without \"name\"");
      entity.name = e["name"].get<std::string>();
      if (!e.contains("forms") || !e["forms"].is_array() || e["forms"].empty())
        return fail("entity \"" + entity.name + "\" without \"forms\"");
      for (const auto& f : e["forms"]) {
        if (!f.is_string()) return fail("entity \"" + entity.name + "\": a form that is not a string");
        entity.forms.push_back(f.get<std::string>());
      }
      a.entities.push_back(std::move(entity));
    }
    articles.push_back(std::move(a));
  }
  std::map<std::string, JudgedArticle*> wanted;
  for (auto& a : articles) wanted[a.id] = &a;
  for (const char* file : {"lemonde2022.jsonl.gz", "orangesum.jsonl.gz", "wikinews.jsonl"})
    if (!wanted.empty()) read_texts(corpus_dir + "/" + file, wanted);
  if (!wanted.empty()) {
    error = path + ": article " + wanted.begin()->first + " (and " + std::to_string(wanted.size() - 1) +
            " more) not found in " + corpus_dir;
    return std::nullopt;
  }
  return articles;
}

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kMatched:
      return "matched";
    case Outcome::kMissed:
      return "missed";
    case Outcome::kSpurious:
      return "spurious";
    case Outcome::kFragment:
      return "fragment";
    case Outcome::kWrongType:
      return "wrong type";
  }
  return "?";
}

namespace {

std::set<std::string> keys_of(const std::string& name, const std::vector<std::string>& forms) {
  std::set<std::string> keys;
  keys.insert(facet_key(name));
  for (const auto& f : forms) keys.insert(facet_key(f));
  keys.erase("");
  return keys;
}

bool intersect(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& k : a)
    if (b.count(k)) return true;
  return false;
}

std::string joined(const std::vector<std::string>& forms) {
  std::string out;
  for (const auto& f : forms) out += (out.empty() ? "" : " | ") + f;
  return out;
}

}  // namespace

ArticleScore score_article(const JudgedArticle& article, const std::vector<Entity>& extracted) {
  ArticleScore score;
  score.article = &article;
  std::vector<std::set<std::string>> tagged_keys;
  for (const auto& t : article.entities) tagged_keys.push_back(keys_of(t.name, t.forms));
  std::vector<bool> matched(article.entities.size(), false);
  for (const auto& e : extracted) {
    std::set<std::string> keys = keys_of(e.name, e.aliases);
    Outcome outcome = Outcome::kSpurious;
    for (size_t t = 0; t < article.entities.size() && outcome != Outcome::kMatched; ++t) {
      if (!intersect(keys, tagged_keys[t])) continue;
      if (article.entities[t].type != e.type) {
        if (outcome == Outcome::kSpurious) outcome = Outcome::kWrongType;
      } else if (matched[t]) {
        outcome = Outcome::kFragment;
      } else {
        matched[t] = true;
        outcome = Outcome::kMatched;
      }
    }
    if (outcome != Outcome::kMatched) score.outcomes.push_back({outcome, e.type, e.name, joined(e.aliases)});
  }
  for (size_t t = 0; t < article.entities.size(); ++t) {
    const JudgedEntity& j = article.entities[t];
    score.outcomes.push_back({matched[t] ? Outcome::kMatched : Outcome::kMissed, j.type, j.name, joined(j.forms)});
  }
  return score;
}

void EntityScore::add(const ArticleScore& article) {
  for (const auto& o : article.outcomes) {
    size_t type = static_cast<size_t>(o.type);
    if (o.outcome == Outcome::kMatched || o.outcome == Outcome::kMissed) ++tagged[type];
    if (o.outcome != Outcome::kMissed) ++extracted[type];
    if (o.outcome == Outcome::kMatched) ++matched[type];
  }
}

namespace {
std::optional<double> ratio(size_t a, size_t b) {
  if (b == 0) return std::nullopt;
  return static_cast<double>(a) / b;
}
}  // namespace

std::optional<double> EntityScore::recall(std::optional<EntityType> type) const {
  if (type) return ratio(matched[static_cast<size_t>(*type)], tagged[static_cast<size_t>(*type)]);
  return ratio(total(matched), total(tagged));
}

std::optional<double> EntityScore::precision(std::optional<EntityType> type) const {
  if (type) return ratio(matched[static_cast<size_t>(*type)], extracted[static_cast<size_t>(*type)]);
  return ratio(total(matched), total(extracted));
}

}  // namespace gazette::bench
