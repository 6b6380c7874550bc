// gazette-search: queries a Gazette index from the command line; --json prints
// the same results for scripts. Exit status 0 on success (even with no hits),
// 1 on a bad query or option value, 2 when the index cannot be opened.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cluster/shard_set.h"
#include "search/searcher.h"
#include "service/api_json.h"
#include "service/api_params.h"

namespace {

// The API's own shape (GET /api/v1/search), without a cursor: --offset pages.
void print_json(const gazette::SearchResult& r, size_t offset) {
  gazette::JsonWriter out;
  gazette::write_search(out, r, offset, std::nullopt);
  std::cout << nlohmann::json::parse(out.text()).dump(2) << '\n';
}

void print_text(const gazette::SearchResult& r, size_t offset) {
  bool tty = isatty(STDOUT_FILENO);
  std::string open = tty ? "\033[1m" : "**", close = tty ? "\033[0m" : "**";
  std::printf("%s%zu résultat%s (%.1f ms)\n", r.total_exact ? "" : "environ ", r.total, r.total > 1 ? "s" : "",
              r.took_ms);
  for (const auto& f : r.facets) {
    std::printf("\n%s:", gazette::facet_name(f.facet));
    for (const auto& v : f.values) std::printf("  %s (%u)", (v.name.empty() ? v.value : v.name).c_str(), v.count);
    std::printf("\n");
  }
  size_t rank = offset;
  for (const auto& h : r.hits) {
    std::printf("\n%zu. %s\n   %s · %s · %s", ++rank, gazette::to_text(h.title, open, close).c_str(),
                h.article.published.substr(0, 10).c_str(), h.article.section.c_str(), h.article.id.c_str());
    if (h.versions)
      std::printf(" · %zu autre%s version%s", h.versions, h.versions > 1 ? "s" : "", h.versions > 1 ? "s" : "");
    std::printf("\n");
    for (const auto& f : h.snippets) std::printf("   %s\n", gazette::to_text(f, open, close).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Searches a Gazette index of French news articles."};
  std::string db_path, cluster_file, from, to, sort = "relevance";
  gazette::SearchRequest request;
  bool as_json = false;
  auto* db = app.add_option("--db", db_path, "Index folder");
  app.add_option("--cluster", cluster_file, "Cluster file: the shards to search as one index (JSON)")->excludes(db);
  app.add_option("--section", request.filters.sections, "Only this section (repeatable)");
  app.add_option("--tag", request.filters.tags, "Only this tag (repeatable)");
  app.add_option("--author", request.filters.authors, "Only this author (repeatable)");
  app.add_option("--source", request.filters.sources, "Only this source (repeatable)");
  app.add_option("--entity", request.filters.entities,
                 "Only articles naming this entity id, e.g. p:emmanuel-macron (repeatable)");
  std::string facets;
  app.add_option("--facets", facets, "Facets to count: section,tag,source,date,entity");
  app.add_option("--from", from, "Published on or after (2022, 2022-03, 2022-03-01)");
  app.add_option("--to", to, "Published on or before");
  app.add_option("--sort", sort, "relevance, date (newest first) or -date")
      ->check(CLI::IsMember({"relevance", "date", "-date"}));
  app.add_option("--limit", request.limit, "Hits to show")->check(CLI::Range(1, 1000));
  app.add_option("--offset", request.offset, "Hits to skip")->check(CLI::Range(0, 1000000));
  app.add_flag("--json", as_json, "Print JSON");
  app.add_flag("--strict", request.strict,
               "Fail (exit 1) on an unfinished operator or a lone bracket instead of leaving it out");
  bool all_versions = false;
  app.add_flag("--all-versions", all_versions, "Show every version of a text (near-duplicates) as its own hit");
  std::vector<std::string> words;
  app.add_option("query", words, "The query: words, \"phrases\", -exclusion, OR, titre:..., 2020..2021");
  CLI11_PARSE(app, argc, argv);
  request.collapse = !all_versions;

  if (db_path.empty() == cluster_file.empty()) {
    std::cerr << "gazette-search: give --db DIR or --cluster FILE\n";
    return 1;
  }
  for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
  if (!from.empty() && !(request.filters.from = gazette::parse_date_bound(from, false))) {
    std::cerr << "gazette-search: --from: not a date: '" << from << "'\n";
    return 1;
  }
  if (!to.empty() && !(request.filters.to = gazette::parse_date_bound(to, true))) {
    std::cerr << "gazette-search: --to: not a date: '" << to << "'\n";
    return 1;
  }
  if (!facets.empty()) {
    gazette::SearchParams parsed;
    if (auto e = gazette::parse_search_params({{"facets", facets}}, parsed)) {
      std::cerr << "gazette-search: --facets: " << e->message << '\n';
      return 1;
    }
    request.facets = parsed.request.facets;
  }
  request.sort = sort == "date"    ? gazette::SortOrder::kNewestFirst
                 : sort == "-date" ? gazette::SortOrder::kOldestFirst
                                   : gazette::SortOrder::kRelevance;
  gazette::Result<gazette::ClusterConfig> loaded =
      db_path.empty() ? gazette::ClusterConfig::load(cluster_file) : gazette::ClusterConfig::single(db_path);
  if (!loaded) {
    std::cerr << "gazette-search: " << loaded.problem().str() << '\n';
    return 2;
  }
  const gazette::ClusterConfig& cluster = *loaded;
  try {
    gazette::ClusterHealth health(cluster);
    gazette::ShardSet shards(cluster, health);
    for (const auto& shard : health.shards()) {
      if (!shard.serving.empty()) continue;
      std::cerr << "gazette-search: " << shard.name << ": " << shard.error << '\n';
      if (cluster.on_failure == gazette::FailurePolicy::kUnavailable) return 2;
    }
    std::optional<Xapian::Database> global;
    if (!cluster.global.empty()) global = Xapian::Database(cluster.global);
    gazette::Searcher searcher(shards.database(),
                               cluster.has_remote() ? gazette::SpyKind::kStock : gazette::SpyKind::kInProcess, global);
    gazette::SearchResult result = searcher.search(request);
    if (result.problem) {
      std::cerr << "gazette-search: " << result.problem->str() << '\n';
      return result.problem->code == "bad_query" ? 1 : 2;
    }
    if (!result.notice.empty() && !as_json) std::cerr << "gazette-search: " << result.notice << '\n';
    if (as_json)
      print_json(result, request.offset);
    else
      print_text(result, request.offset);
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "gazette-search: " << e.get_description() << '\n';
    return 2;
  }
}
