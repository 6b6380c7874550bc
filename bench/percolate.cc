// gazette-percolate: what checking newly written articles against saved
// alerts costs (alerts/percolator.h), for the benchmark's alerts section.
//
// Saves --alerts alerts made from the index itself (fixed seed): a word of
// an article's title, two words, a phrase of two, an entity of an article
// alone, a section and a word; each matching at most --max-share of the
// articles, as alerts that follow a subject do. Then checks batches of --batch articles of
// the index against them, as the service checks a commit's new articles,
// and records the matches in an AlertStore. Prints, in ms: building the
// alerts, and per batch the check (p50, p95, max), the recording, the
// candidates run and the matches; and the floor: Xapian alone copying the
// batch and running every alert's query over it (no candidate choice), and
// the copy alone.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "alerts/alert_store.h"
#include "alerts/percolator.h"
#include "common/stored_document.h"
#include "common/text_folding.h"

namespace {

using namespace gazette;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p / 100 * v.size()))];
}

// The words of a title a reader would save: five letters or more.
std::vector<std::string> long_words(const std::string& title) {
  std::vector<std::string> out;
  std::string word;
  for (char c : title + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += c;
    } else {
      if (word.size() >= 5) out.push_back(word);
      word.clear();
    }
  }
  return out;
}

// Alerts follow a subject: each one matches at most `max_share` of the
// articles (a word like "contre" would match every other batch article).
std::vector<Alert> make_alerts(const Xapian::Database& db, size_t count, double max_share, std::mt19937& random) {
  std::vector<Alert> alerts;
  QueryBuilder builder;
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  auto specific = [&](const Alert& a) {
    enquire.set_query(QueryBuilder::filtered(builder.parse(a.query, true).matching, a.filters));
    return enquire.get_mset(0, 0).get_matches_estimated() <= max_share * db.get_doccount();
  };
  std::uniform_int_distribution<Xapian::docid> any_doc(1, db.get_lastdocid());
  while (alerts.size() < count) {
    Xapian::Document doc;
    try {
      doc = db.get_document(any_doc(random));
    } catch (const Xapian::DocNotFoundError&) {
      continue;
    }
    Result<Article> a = read_article(doc);
    if (!a) continue;
    std::vector<std::string> words = long_words(a->title);
    if (words.size() < 2) continue;
    std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
    Alert alert;
    alert.id = "b" + std::to_string(alerts.size());
    switch (alerts.size() % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        alert.query = words[pick(random)];
        break;
      case 4:
      case 5:
      case 6:
        alert.query = words[pick(random)] + " " + words[pick(random)];
        break;
      case 7: {
        size_t i = std::uniform_int_distribution<size_t>(0, words.size() - 2)(random);
        alert.query = "\"" + words[i] + " " + words[i + 1] + "\"";
        break;
      }
      case 8:
        if (a->entities.empty()) continue;
        alert.filters.entities = {
            a->entities[std::uniform_int_distribution<size_t>(0, a->entities.size() - 1)(random)].id};
        break;
      default:
        if (a->section.empty()) continue;
        alert.filters.sections = {a->section};
        alert.query = words[pick(random)];
    }
    if (specific(alert)) alerts.push_back(std::move(alert));
  }
  return alerts;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"What checking new articles against saved alerts costs"};
  std::string path;
  size_t count = 10000, batch = 100, batches = 20;
  unsigned seed = 20261130;
  double max_share = 0.01;
  app.add_option("--db", path, "An index")->required()->check(CLI::ExistingDirectory);
  app.add_option("--alerts", count, "Alerts saved")->check(CLI::Range(1, 1000000));
  app.add_option("--batch", batch, "Articles per batch")->check(CLI::Range(1, 10000));
  app.add_option("--batches", batches, "Batches checked")->check(CLI::Range(1, 1000));
  app.add_option("--seed", seed, "Random seed");
  std::string alerts_out;
  app.add_option("--write-alerts", alerts_out,
                 "Also write the alerts to this file, one search per line, as "
                 "POST /api/v1/alerts takes them");
  app.add_option("--max-share", max_share, "Each alert matches at most this share of the articles")
      ->check(CLI::Range(0.0, 1.0));
  CLI11_PARSE(app, argc, argv);

  Xapian::Database db(path);
  std::mt19937 random(seed);
  std::vector<Alert> alerts = make_alerts(db, count, max_share, random);

  if (!alerts_out.empty()) {
    std::ofstream out(alerts_out);
    for (const Alert& a : alerts) out << alert_json(a)["search"].dump() << '\n';
  }

  auto t0 = Clock::now();
  Percolator percolator;
  size_t refused = 0;
  for (const Alert& a : alerts) refused += percolator.add(a, &db).has_value();
  const double build_ms = ms_since(t0);
  std::printf("alerts %zu\tmax_share %.3f\trefused %zu\tbuild_ms %.1f\n", alerts.size(), max_share, refused, build_ms);

  const std::string store_dir =
      std::filesystem::temp_directory_path() / ("gazette-percolate-" + std::to_string(getpid()));
  std::vector<double> check, record, naive, copy;
  size_t candidates = 0, matches = 0;
  {
    AlertStore store(store_dir);
    // Saved under their store ids, which the matches name.
    std::vector<Alert> saved = store.create(alerts);
    Percolator stored;
    for (const Alert& a : saved) (void)stored.add(a, &db);
    // The floor: Xapian alone runs every alert's query over the batch (the
    // queries built as the Percolator builds them, without its choice).
    std::vector<Xapian::Query> queries;
    QueryBuilder builder;
    for (const Alert& a : saved)
      queries.push_back(QueryBuilder::filtered(builder.parse(a.query, true).matching, a.filters));
    std::uniform_int_distribution<Xapian::docid> any_doc(1, db.get_lastdocid() - batch);
    for (size_t b = 0; b < batches; ++b) {
      std::vector<Xapian::docid> docs;
      for (Xapian::docid first = any_doc(random), d = first; d < first + batch; ++d) docs.push_back(d);
      t0 = Clock::now();
      std::vector<Percolator::Match> found = stored.match(db, docs);
      check.push_back(ms_since(t0));
      candidates += stored.last_candidates();
      std::vector<AlertMatch> to_record;
      for (const Percolator::Match& m : found)
        if (Result<Article> a = read_article(db.get_document(m.doc))) to_record.push_back(match_of(m.alert_id, *a));
      t0 = Clock::now();
      matches += store.record(std::move(to_record), {}).size();
      record.push_back(ms_since(t0));
      t0 = Clock::now();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
      Xapian::WritableDatabase copy_db = Xapian::InMemory::open();
#pragma GCC diagnostic pop
      for (Xapian::docid d : docs) copy_db.add_document(db.get_document(d));
      copy.push_back(ms_since(t0));
      Xapian::Enquire enquire(copy_db);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      for (const Xapian::Query& q : queries) {
        enquire.set_query(q);
        (void)enquire.get_mset(0, static_cast<Xapian::doccount>(docs.size()));
      }
      naive.push_back(ms_since(t0));
    }
  }
  std::filesystem::remove_all(store_dir);
  std::printf(
      "batch %zu\tbatches %zu\tcheck_p50_ms %.2f\tcheck_p95_ms %.2f\tcheck_max_ms %.2f\trecord_p50_ms %.2f\t"
      "record_p95_ms %.2f\tcandidates_per_batch %.0f\tmatches_per_batch %.1f\n",
      batch, batches, percentile(check, 50), percentile(check, 95), percentile(check, 100), percentile(record, 50),
      percentile(record, 95), double(candidates) / batches, double(matches) / batches);
  std::printf("floor\tevery_alert_run_p50_ms %.2f\tevery_alert_run_p95_ms %.2f\tcopy_batch_p50_ms %.2f\n",
              percentile(naive, 50), percentile(naive, 95), percentile(copy, 50));
  return 0;
}
