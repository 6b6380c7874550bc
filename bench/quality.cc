// gazette-quality: search quality on the shared judgments. Prints figures;
// it is a measurement, not a test.
//   known items (query -> the article it was taken from): MRR@10, recall@10
//   related (editors' "à lire aussi" links): recall@10 of /related
// Searches and related lists show one version of a text (stories/versions.h):
// each figure is also given with a version of the judged article counted as
// the article ("versions counted").
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "common/stored_document.h"
#include "search/related.h"
#include "search/searcher.h"
#include "stories/versions.h"

namespace {

struct KnownItem {
  std::string query, id;
};

// The first two columns of a TSV file with a header line.
std::vector<KnownItem> read_pairs(const std::string& path) {
  std::ifstream in(path);
  std::vector<KnownItem> items;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    size_t second = line.find('\t', tab + 1);
    items.push_back({line.substr(0, tab),
                     line.substr(tab + 1, second == std::string::npos ? std::string::npos : second - tab - 1)});
  }
  return items;
}

// True when articles a and b are one, or versions of one text.
bool same_text(const Xapian::Database& db, const std::string& a, const std::string& b) {
  if (a == b) return true;
  auto da = gazette::find_article(db, a), db_ = gazette::find_article(db, b);
  if (!da || !db_) return false;
  const std::string key = gazette::version_key(db.get_document(*da));
  return !key.empty() && key == gazette::version_key(db.get_document(*db_));
}

void known_items(gazette::Searcher& searcher, const std::string& path, bool verbose) {
  auto items = read_pairs(path);
  if (items.empty()) return;
  double reciprocal_ranks = 0, version_reciprocal_ranks = 0;
  size_t found = 0, version_found = 0;
  for (const auto& item : items) {
    gazette::SearchRequest request;
    request.query = item.query;
    request.limit = 10;
    request.snippets = 0;
    gazette::SearchResult r = searcher.search(request);
    size_t rank = 0, version_rank = 0;
    for (size_t i = 0; i < r.hits.size(); ++i) {
      if (r.hits[i].article.id == item.id) rank = i + 1;
      if (!version_rank && same_text(searcher.database(), r.hits[i].article.id, item.id)) version_rank = i + 1;
    }
    if (version_rank) {
      version_reciprocal_ranks += 1.0 / version_rank;
      ++version_found;
    }
    if (rank) {
      reciprocal_ranks += 1.0 / rank;
      ++found;
    } else if (verbose) {
      std::cout << "  missed: " << item.query << " -> " << item.id << " (" << r.total << " hits)\n";
    }
    if (verbose && rank > 1)
      std::cout << "  rank " << rank << ": " << item.query << " -> " << item.id << "; first: " << r.hits[0].article.id
                << " " << r.hits[0].article.title << "\n";
  }
  std::printf("known items: %zu queries, MRR@10 %.3f, recall@10 %.3f\n", items.size(), reciprocal_ranks / items.size(),
              static_cast<double>(found) / items.size());
  std::printf("known items, versions counted: MRR@10 %.3f, recall@10 %.3f\n", version_reciprocal_ranks / items.size(),
              static_cast<double>(version_found) / items.size());
}

void related(gazette::Searcher& searcher, const std::string& path) {
  std::map<std::string, std::vector<std::string>> links;
  for (const auto& pair : read_pairs(path)) links[pair.query].push_back(pair.id);
  Xapian::Database& db = searcher.database();
  // As gazette-serve re-ranks candidates on a local index: from memory.
  gazette::RevisionMemory memory = gazette::RevisionMemory::of(db, std::make_shared<const gazette::FacetColumns>(db));
  memory.stories = gazette::StoryMembership{{std::make_shared<const gazette::StoryMembers>(db)}};
  auto indexed = [&](const std::string& id) { return gazette::find_article(db, id).has_value(); };
  // Recall per source article, averaged (as the peers' harness reports it),
  // and over all links.
  size_t judged = 0, found = 0, sources = 0, version_found = 0;
  double seconds = 0, recall_sum = 0, version_recall_sum = 0;
  for (const auto& [src, dsts] : links) {
    if (!indexed(src)) continue;
    size_t src_judged = 0, src_found = 0, src_version_found = 0;
    auto start = std::chrono::steady_clock::now();
    auto hits = gazette::find_related(db, gazette::ShardPlace::kLocal, src, 10, memory);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!hits) {
      std::cerr << "related " << src << ": " << hits.problem().str() << '\n';
      continue;
    }
    for (const auto& dst : dsts) {
      if (!indexed(dst) || dst == src) continue;
      ++src_judged;
      bool shown = false, version_shown = same_text(db, src, dst);  // the article page lists its versions
      for (const auto& h : *hits) {
        shown = shown || h.article.id == dst;
        version_shown = version_shown || same_text(db, h.article.id, dst);
      }
      src_found += shown;
      src_version_found += version_shown;
    }
    if (!src_judged) continue;
    ++sources;
    judged += src_judged;
    found += src_found;
    version_found += src_version_found;
    recall_sum += static_cast<double>(src_found) / src_judged;
    version_recall_sum += static_cast<double>(src_version_found) / src_judged;
  }
  std::printf("related: %zu source articles, %zu links; recall@10 per source %.3f, over links %.3f; %.1f ms per call\n",
              sources, judged, sources ? recall_sum / sources : 0.0, judged ? static_cast<double>(found) / judged : 0.0,
              1000 * seconds / std::max<size_t>(sources, 1));
  std::printf("related, versions counted: recall@10 per source %.3f, over links %.3f\n",
              sources ? version_recall_sum / sources : 0.0, judged ? static_cast<double>(version_found) / judged : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures search quality on the shared judgments."};
  std::string db, known = "../shared/eval/known_items.tsv", links = "../shared/eval/related.tsv";
  bool verbose = false;
  app.add_option("--db", db, "Index folder")->required();
  app.add_option("--known-items", known, "query<TAB>id judgments");
  app.add_option("--related", links, "src_id<TAB>dst_id links");
  app.add_flag("-v,--verbose", verbose, "List the misses and the queries whose article is not first");
  CLI11_PARSE(app, argc, argv);
  // A judgments file that is not there is an error, not a score of nothing
  // (the defaults are relative to the project's folder).
  for (const std::string* path : {&known, &links})
    if (!std::ifstream(*path)) {
      std::cerr << "gazette-quality: cannot read " << *path << "\n";
      return 2;
    }
  gazette::Searcher searcher{Xapian::Database(db)};
  known_items(searcher, known, verbose);
  related(searcher, links);
}
