// gazette-write-floor: what Xapian 1.4 alone costs for one write of the API
// (bench/api_writes.py), the floor under its figures.
//
// Takes every --stride-th document of an index (a copy: it is written to),
// adds a new document with the same terms, positions, values and data, and
// commits; then deletes it and commits. Nothing of Gazette's own: no
// analysis, spelling data, versions or stories. Prints p50, p95 and p99 of
// each, in ms, with Xapian's durable commit (fdatasync) and, with --no-sync,
// with Xapian::DB_NO_SYNC: what the commit's syncing costs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>

namespace {

// A new document with what `source` holds: a copy that Xapian must write in
// full, as it writes an article the API receives.
Xapian::Document copy_of(const Xapian::Document& source) {
  Xapian::Document doc;
  for (auto t = source.termlist_begin(); t != source.termlist_end(); ++t) {
    const Xapian::termcount positions = t.positionlist_count();
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) doc.add_posting(*t, *p, 0);
    doc.add_term(*t, t.get_wdf() - positions);
  }
  for (auto v = source.values_begin(); v != source.values_end(); ++v) doc.add_value(v.get_valueno(), *v);
  doc.set_data(source.get_data());
  return doc;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p / 100 * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"What Xapian alone costs to add, then delete, one article's document with a commit each"};
  std::string path;
  unsigned count = 200, stride = 97;
  bool no_sync = false;
  app.add_option("--db", path, "A copy of an index (it is written to)")->required()->check(CLI::ExistingDirectory);
  app.add_option("--count", count, "Documents added then deleted")->check(CLI::Range(1, 100000));
  app.add_option("--stride", stride, "Every stride-th document of the index is copied")->check(CLI::Range(1, 100000));
  app.add_flag("--no-sync", no_sync, "Open with Xapian::DB_NO_SYNC (commits do not fdatasync)");
  CLI11_PARSE(app, argc, argv);

  Xapian::WritableDatabase db(path, Xapian::DB_OPEN | (no_sync ? Xapian::DB_NO_SYNC : 0));
  std::vector<double> add, remove;
  auto since = [](auto t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };
  for (Xapian::docid did = stride; add.size() < count && did <= db.get_lastdocid(); did += stride) {
    Xapian::Document doc;
    try {
      doc = copy_of(db.get_document(did));
    } catch (const Xapian::DocNotFoundError&) {
      continue;
    }
    auto t0 = std::chrono::steady_clock::now();
    const Xapian::docid added = db.add_document(doc);
    db.commit();
    add.push_back(since(t0));
    t0 = std::chrono::steady_clock::now();
    db.delete_document(added);
    db.commit();
    remove.push_back(since(t0));
  }
  if (add.empty()) {
    std::fprintf(stderr, "gazette-write-floor: no document to copy in %s\n", path.c_str());
    return 1;
  }
  const char* mode = no_sync ? " without sync" : "";
  for (const auto& [name, v] : {std::pair{"add + commit", &add}, std::pair{"delete + commit", &remove}})
    std::printf("xapian %s%s\tcount %zu\tp50 %.2f\tp95 %.2f\tp99 %.2f\n", name, mode, v->size(), percentile(*v, 50),
                percentile(*v, 95), percentile(*v, 99));
  return 0;
}
