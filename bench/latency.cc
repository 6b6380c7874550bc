// gazette-latency: latency percentiles of each query class, in process (on
// the Searcher, --db) or over HTTP (against gazette-serve, --url), over the
// queries of --queries and of --known-items. Prints figures; a measurement,
// not a test.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <numeric>

#include <httplib.h>
#include <CLI/CLI.hpp>

#include "bench/xapian_floor.h"
#include "common/stored_document.h"
#include "search/related.h"
#include "search/searcher.h"
#include "search/story_timeline.h"
#include "search/suggest.h"
#include "search/suggest_index.h"
#include "service/api_params.h"
#include "stories/stories.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Request {
  std::string kind;  // "search", "related", "suggest", "story" or "stories"
  gazette::Params params;
  std::string id;  // for related and story
};

struct QueryClass {
  std::string name;
  std::vector<Request> requests;
};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// The query and id columns of a known-item file (header line skipped).
std::pair<std::vector<std::string>, std::vector<std::string>> known_items(const std::string& path) {
  std::vector<std::string> queries, ids;
  auto lines = read_lines(path);
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t tab = lines[i].find('\t');
    if (tab == std::string::npos) continue;
    queries.push_back(lines[i].substr(0, tab));
    ids.push_back(lines[i].substr(tab + 1));
  }
  return {queries, ids};
}

std::vector<QueryClass> query_classes(const std::vector<std::string>& queries, const std::vector<std::string>& ids) {
  std::vector<QueryClass> classes = {{"top10", {}},      {"one word", {}},       {"several words", {}},
                                     {"phrase", {}},     {"filtered", {}},       {"top10+section+year", {}},
                                     {"all facets", {}}, {"sorted by date", {}}, {"deep page (offset 2000)", {}},
                                     {"related", {}},    {"suggest", {}},        {"story", {}},
                                     {"stories", {}}};
  for (const auto& q : queries) {
    bool several = q.find(' ') != std::string::npos;
    classes[0].requests.push_back({"search", {{"q", q}}, ""});
    classes[several ? 2 : 1].requests.push_back({"search", {{"q", q}}, ""});
    if (several) classes[3].requests.push_back({"search", {{"q", "\"" + q + "\""}}, ""});
    classes[4].requests.push_back({"search", {{"q", q}, {"section", "International"}, {"from", "2020"}}, ""});
    classes[5].requests.push_back({"search", {{"q", q}, {"facets", "section,date"}, {"date_interval", "year"}}, ""});
    classes[6].requests.push_back({"search", {{"q", q}, {"facets", "section,tag,source,date,entity"}}, ""});
    classes[7].requests.push_back({"search", {{"q", q}, {"sort", "date"}}, ""});
    classes[8].requests.push_back({"search", {{"q", q}, {"page", "201"}, {"size", "10"}}, ""});
    classes[10].requests.push_back({"suggest", {{"q", q.substr(0, std::min<size_t>(q.size(), 4))}}, ""});
    classes[12].requests.push_back({"stories", {{"q", q}}, ""});
  }
  for (const auto& id : ids) {
    classes[9].requests.push_back({"related", {{"size", "10"}}, id});
    classes[11].requests.push_back({"story", {}, id});
  }
  return classes;
}

std::string url_of(const Request& r) {
  std::string path = r.kind == "search"    ? "/api/v1/search"
                     : r.kind == "suggest" ? "/api/v1/suggest"
                     : r.kind == "stories" ? "/api/v1/stories"
                                           : "/api/v1/articles/" + r.id + "/" + r.kind;
  char sep = '?';
  for (const auto& [k, v] : r.params) {
    path += sep + k + "=" + httplib::detail::encode_query_param(v);
    sep = '&';
  }
  return path;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  double pos = p * (v.size() - 1);
  size_t lo = static_cast<size_t>(pos);
  return lo + 1 < v.size() ? v[lo] + (v[lo + 1] - v[lo]) * (pos - lo) : v[lo];
}

// The `n` requests of the highest median time, slowest first: what a class's
// p95 is made of.
void print_slowest(const std::vector<Request>& requests, const std::vector<std::vector<double>>& ms, size_t n) {
  std::vector<std::pair<double, size_t>> medians;
  for (size_t i = 0; i < requests.size(); ++i) medians.emplace_back(percentile(ms[i], 0.5), i);
  n = std::min(n, medians.size());
  std::partial_sort(medians.begin(), medians.begin() + n, medians.end(), std::greater<>());
  for (size_t k = 0; k < n; ++k) {
    const Request& r = requests[medians[k].second];
    std::printf("  %9.3f ms  %s", medians[k].first, r.kind.c_str());
    for (const auto& [name, value] : r.params) std::printf(" %s=%s", name.c_str(), value.c_str());
    std::printf("%s%s\n", r.id.empty() ? "" : " id=", r.id.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Latency of each query class, in process or over HTTP."};
  std::string db, url, queries_path = "../shared/eval/queries.txt", known = "../shared/eval/known_items.tsv";
  int repeats = 5, warmup = 1, snippets = -1;
  size_t slowest = 0;
  bool no_known_queries = false, no_columns = false, no_suggest_index = false, floor = false, measure_extension = false;
  std::vector<std::string> only;
  app.add_option("--db", db, "Index folder: measure in process");
  app.add_option("--url", url, "http://host:port of gazette-serve: measure over HTTP");
  app.add_option("--queries", queries_path, "One query per line");
  app.add_option("--known-items", known, "query<TAB>id: queries searched too, ids for related");
  app.add_flag("--no-known-queries", no_known_queries, "Search only the --queries (as the peers' harness does)");
  app.add_flag("--no-columns", no_columns, "In process: count facets with MatchSpies, not facet columns");
  app.add_flag("--xapian-floor", floor,
               "In process: time Xapian alone doing each request's lookups and matches, without facets, "
               "hits, snippets or re-ranking (bench/xapian_floor.h)");
  app.add_flag("--measure-extension", measure_extension,
               "In process: also time extending the facet columns by the last 10 and 1,000 documents");
  app.add_flag("--no-suggest-index", no_suggest_index, "In process: suggest from the index, not from a SuggestIndex");
  app.add_option("--snippets", snippets,
                 "In process: passages a hit of the search classes (default: the API's); 0, as the peers' "
                 "harness reads only ids")
      ->check(CLI::Range(0, 5));
  app.add_option("--classes", only, "Measure only these classes (names as printed)")->delimiter(',');
  app.add_option("--slowest", slowest, "Also print each class's N requests of the highest median time")
      ->check(CLI::Range(0, 1000));
  app.add_option("--repeats", repeats, "Timed passes")->check(CLI::Range(1, 1000));
  app.add_option("--warmup", warmup, "Untimed passes first")->check(CLI::Range(0, 100));
  CLI11_PARSE(app, argc, argv);
  if (db.empty() == url.empty()) {
    std::cerr << "gazette-latency: give --db or --url\n";
    return 1;
  }

  auto [known_queries, ids] = known_items(known);
  if (ids.size() > 150) ids.resize(150);
  auto queries = read_lines(queries_path);
  if (!no_known_queries) queries.insert(queries.end(), known_queries.begin(), known_queries.end());
  auto classes = query_classes(queries, ids);
  if (!only.empty())
    classes.erase(
        std::remove_if(classes.begin(), classes.end(),
                       [&](const QueryClass& c) { return std::find(only.begin(), only.end(), c.name) == only.end(); }),
        classes.end());

  std::unique_ptr<gazette::Searcher> searcher;
  std::unique_ptr<httplib::Client> client;
  gazette::RevisionMemory memory;  // what gazette-serve keeps in memory for one local index
  if (!db.empty()) {
    searcher = std::make_unique<gazette::Searcher>(Xapian::Database(db));
  }
  if (searcher && !no_columns) {
    // As gazette-serve counts facets on one local index: from columns.
    auto start = std::chrono::steady_clock::now();
    auto columns = std::make_shared<const gazette::FacetColumns>(searcher->database());
    std::printf("facet columns: built in %.3f s, %.1f MB\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                columns->bytes() / 1e6);
    // What a commit that only added documents costs the service: the columns
    // of all but the last ids, extended to them.
    const Xapian::Database& read = searcher->database();
    for (Xapian::docid added : {10u, 1000u}) {
      if (!measure_extension) break;
      if (read.get_lastdocid() <= added) continue;
      const gazette::FacetColumns earlier(read, read.get_lastdocid() - added);
      start = std::chrono::steady_clock::now();
      const gazette::FacetColumns extended(read, earlier);
      std::printf("facet columns: extended by %u added ids in %.4f s\n", added,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    memory = gazette::RevisionMemory::of(searcher->database(), columns);
  }
  std::shared_ptr<const gazette::SuggestIndex> suggest_index;
  const bool suggests =
      std::any_of(classes.begin(), classes.end(), [](const QueryClass& c) { return c.name == "suggest"; });
  // Built only when suggestions are measured: a profile of searches should
  // not count it.
  if (searcher && suggests && !no_suggest_index && !floor) {
    // As gazette-serve suggests on local indexes: from memory.
    auto start = std::chrono::steady_clock::now();
    suggest_index = std::make_shared<const gazette::SuggestIndex>(searcher->database());
    std::printf("suggest index: built in %.3f s, %.1f MB (%zu title words, %zu entities)\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                suggest_index->bytes() / 1e6, suggest_index->title_words(), suggest_index->entities());
  }
  // As gazette-serve reads stories on local indexes, and each hit's story:
  // from memory (stories/story_members.h).
  if (searcher) {
    auto start = std::chrono::steady_clock::now();
    auto members = std::make_shared<const gazette::StoryMembers>(searcher->database());
    std::printf("story members: built in %.3f s, %.1f MB\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                members->memory_bytes() / 1e6);
    memory.stories = gazette::StoryMembership{{members}};
  }
  const gazette::StoryMembership* members = memory.stories ? &*memory.stories : nullptr;
  if (!searcher) client = std::make_unique<httplib::Client>(url);

  size_t errors = 0;
  gazette::QueryBuilder builder;
  auto run = [&](const Request& r) {
    if (client) {
      auto res = client->Get(url_of(r).c_str());
      if (!res || res->status != 200) ++errors;
      return;
    }
    if (r.kind == "related" && floor) {
      if (!gazette::xapian_floor_related(searcher->database(), r.id, 10)) ++errors;
    } else if (r.kind == "related") {
      if (!gazette::find_related(searcher->database(), gazette::ShardPlace::kLocal, r.id, 10, memory)) ++errors;
    } else if (r.kind == "story" && floor) {
      // Xapian reading the story's documents, nothing else.
      const auto doc = gazette::find_article(searcher->database(), r.id);
      if (!doc) ++errors;
      for (Xapian::docid d :
           doc ? gazette::whole_story(searcher->database(), *doc, {}, members) : std::vector<Xapian::docid>{})
        if (searcher->database().get_document(d).get_value(gazette::schema::kRecordSlot).empty()) ++errors;
    } else if (r.kind == "story") {
      if (!gazette::story_timeline(searcher->database(), r.id, 100, members)) ++errors;
    } else if (r.kind == "stories") {
      gazette::SearchRequest request;
      request.query = r.params.begin()->second;
      if (floor) {
        request.facets = {gazette::Facet::kSection};  // the counting pass
        gazette::xapian_floor(searcher->database(), builder, request);
      } else if (!searcher->stories(request, 10, members)) {
        ++errors;
      }
    } else if (r.kind == "suggest" && floor) {
      gazette::xapian_floor_suggest(searcher->database(), r.params.begin()->second, 8);
    } else if (r.kind == "suggest") {
      const std::string& q = r.params.begin()->second;
      if (!(suggest_index ? suggest_index->suggest(searcher->database(), q, 8)
                          : gazette::suggest(searcher->database(), q, 8)))
        ++errors;
    } else {
      gazette::SearchParams p;
      if (gazette::parse_search_params(r.params, p)) ++errors;
      if (snippets >= 0) p.request.snippets = static_cast<size_t>(snippets);
      if (floor)
        gazette::xapian_floor(searcher->database(), builder, p.request);
      else if (searcher->search(p.request, memory).problem)
        ++errors;
    }
  };

  std::printf("%-26s %6s %9s %9s %9s %9s\n", "class", "n", "p50 ms", "p95 ms", "p99 ms", "mean ms");
  for (const auto& c : classes) {
    if (c.requests.empty()) continue;
    for (int w = 0; w < warmup; ++w)
      for (const auto& r : c.requests) run(r);
    std::vector<double> ms;
    std::vector<std::vector<double>> per_request(c.requests.size());
    for (int rep = 0; rep < repeats; ++rep)
      for (size_t i = 0; i < c.requests.size(); ++i) {
        auto start = Clock::now();
        run(c.requests[i]);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        per_request[i].push_back(ms.back());
      }
    const double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
    std::printf("%-26s %6zu %9.2f %9.2f %9.2f %9.3f\n", c.name.c_str(), ms.size(), percentile(ms, 0.5),
                percentile(ms, 0.95), percentile(ms, 0.99), mean);
    print_slowest(c.requests, per_request, slowest);
  }
  std::printf("mode: %s, %d warm-up and %d timed passes per class, errors: %zu\n",
              client  ? ("HTTP " + url).c_str()
              : floor ? ("Xapian floor, in process " + db).c_str()
                      : ("in process " + db).c_str(),
              warmup, repeats, errors);
  return errors ? 1 : 0;
}
