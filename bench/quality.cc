// gazette-quality: search quality on the shared judgments. Prints figures;
// it is a measurement, not a test.
//   known items (query -> the article it was taken from): MRR@10, recall@10
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "searcher/searcher.h"

namespace {

struct KnownItem {
  std::string query, id;
};

std::vector<KnownItem> read_known_items(const std::string& path) {
  std::ifstream in(path);
  std::vector<KnownItem> items;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) items.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return items;
}

void known_items(gazette::Searcher& searcher, const std::string& path, bool verbose) {
  auto items = read_known_items(path);
  double reciprocal_ranks = 0;
  size_t found = 0;
  for (const auto& item : items) {
    gazette::SearchRequest request;
    request.query = item.query;
    request.limit = 10;
    request.snippets = 0;
    gazette::SearchResult r = searcher.search(request);
    size_t rank = 0;
    for (size_t i = 0; i < r.hits.size(); ++i)
      if (r.hits[i].article.id == item.id) rank = i + 1;
    if (rank) {
      reciprocal_ranks += 1.0 / rank;
      ++found;
    } else if (verbose) {
      std::cout << "  missed: " << item.query << " -> " << item.id << " (" << r.total << " hits)\n";
    }
  }
  std::printf("known items: %zu queries, MRR@10 %.3f, recall@10 %.3f\n", items.size(),
              reciprocal_ranks / items.size(), static_cast<double>(found) / items.size());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures search quality on the shared judgments."};
  std::string db, known = "../shared/eval/known_items.tsv";
  bool verbose = false;
  app.add_option("--db", db, "Index folder")->required();
  app.add_option("--known-items", known, "query<TAB>id judgments");
  app.add_flag("-v,--verbose", verbose, "List the misses");
  CLI11_PARSE(app, argc, argv);
  gazette::Searcher searcher{Xapian::Database(db)};
  known_items(searcher, known, verbose);
}
