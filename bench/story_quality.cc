// gazette-story-quality: how the stories found in an index (stories/stories.h)
// agree with the editors' "à lire aussi" links, for a range of thresholds:
// the share of linked pairs that land in one story (recall) against the size
// of stories. Reads the index only; clusters it in memory per threshold.
// Prints figures; it is a measurement, not a test.
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unordered_map>

#include <CLI/CLI.hpp>

#include "common/schema.h"
#include "common/stored_document.h"
#include "stories/stories.h"

namespace {

std::vector<std::pair<std::string, std::string>> read_links(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::pair<std::string, std::string>> links;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string a, b;
    if (std::getline(fields, a, '\t') && std::getline(fields, b, '\t')) links.emplace_back(a, b);
  }
  return links;
}

std::vector<double> parse_list(const std::string& csv) {
  std::vector<double> out;
  std::istringstream in(csv);
  for (std::string x; std::getline(in, x, ',');) out.push_back(std::stod(x));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Story clustering against the editors' related links"};
  std::string db_path, links_path = "../shared/eval/related.tsv", thresholds = "0.2,0.25,0.3,0.35,0.4,0.5", dump;
  int window = gazette::StoryParameters{}.window_days;
  app.add_option("--db", db_path, "index folder")->required();
  app.add_option("--related", links_path, "src_id<TAB>dst_id links");
  app.add_option("--thresholds", thresholds, "comma-separated cosine thresholds");
  app.add_option("--window", window, "days");
  app.add_option("--dump", dump, "write story<TAB>id<TAB>date<TAB>title for the last threshold");
  CLI11_PARSE(app, argc, argv);

  Xapian::Database db(db_path);
  const auto links = read_links(links_path);
  std::unordered_map<Xapian::docid, std::string> ids;
  std::unordered_map<std::string, int> day_of;
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    ids[*d] = gazette::article_id(db, *d);
    day_of[ids[*d]] = gazette::story_day(db.get_document(*d).get_value(gazette::schema::kDateSlot));
  }
  // Editors link background as much as follow-ups: the links between
  // articles at most `window` days apart are the ones a story can hold.
  auto near_in_time = [&](const std::string& a, const std::string& b) {
    const int da = day_of[a], db_ = day_of[b];
    return da != INT_MIN && db_ != INT_MIN && std::abs(da - db_) <= window;
  };

  std::printf(
      "threshold  window  stories  in-stories  mean-size(article)  max  linked-same-story  near-linked-same-story  "
      "seconds\n");
  for (double threshold : parse_list(thresholds)) {
    gazette::StoryParameters p;
    p.threshold = threshold;
    p.window_days = window;
    const auto start = std::chrono::steady_clock::now();
    const auto changes = gazette::find_all_stories({db}, p);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::unordered_map<std::string, std::string> story_of;
    std::map<std::string, size_t> sizes;
    for (const auto& c : changes) {
      story_of[ids[c.doc]] = c.story;
      ++sizes[c.story];
    }
    size_t in_stories = 0, max_size = 0;
    double size_sum = 0;
    for (const auto& [story, n] : sizes) {
      if (n > 1) in_stories += n;
      size_sum += static_cast<double>(n) * n;
      max_size = std::max(max_size, n);
    }
    size_t judged = 0, same = 0, near = 0, near_same = 0;
    for (const auto& [a, b] : links) {
      auto sa = story_of.find(a), sb = story_of.find(b);
      if (sa == story_of.end() || sb == story_of.end()) continue;
      ++judged;
      same += sa->second == sb->second;
      if (near_in_time(a, b)) {
        ++near;
        near_same += sa->second == sb->second;
      }
    }
    std::printf("%9.2f  %6d  %7zu  %10zu  %18.1f  %3zu  %.3f (%zu/%zu)  %.3f (%zu/%zu)  %.1f\n", threshold, window,
                sizes.size(), in_stories, size_sum / std::max<size_t>(changes.size(), 1), max_size,
                judged ? static_cast<double>(same) / judged : 0.0, same, judged,
                near ? static_cast<double>(near_same) / near : 0.0, near_same, near, seconds);
    std::fflush(stdout);
    if (!dump.empty() && threshold == parse_list(thresholds).back()) {
      std::ofstream out(dump);
      for (const auto& c : changes) {
        auto title = gazette::read_title(db.get_document(c.doc));
        out << c.story << '\t' << ids[c.doc] << '\t' << db.get_document(c.doc).get_value(gazette::schema::kDateSlot)
            << '\t' << (title ? title->title : std::string("?")) << '\n';
      }
    }
  }
  return 0;
}
