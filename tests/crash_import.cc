// crash_import: kills gazette-index with SIGKILL at random moments of an
// import and checks, after each kill, what Xapian's atomic commits promise:
//
//   - every database of the index passes xapian-check and opens;
//   - each shard holds whole batches only (a multiple of --batch articles),
//     or all of its articles once its last commit is done;
//   - no id is held twice, and no id is foreign to the input;
//   - running the import again completes it: the same ids as an import that
//     was never interrupted.
//
//   crash_import [--kills N] [--batch B] [--shards S] [--seed X] --work DIR INPUT...
//
// A first, uninterrupted import gives the reference ids and its duration D
// (kept in WORK for the next run). The kills land at N uniform moments of
// that timeline, in order: after each kill the import restarts, skips what is
// committed and is killed when it reaches the next moment (or within the
// next stretch of work, when what it committed is already past that moment),
// so kills hit the reading, the writing, the commits and the final merge of
// one import. When an import ends before its kill (the machine is faster
// than when D was measured), the index is checked whole, the timeline is
// rescaled to that import's pace, and the next run starts afresh.
// Prints one line per kill and a summary; exits 1 on the first broken promise.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>

#include "child_process.h"
#include "cluster/index_layout.h"
#include "cluster/shard_route.h"
#include "common/schema.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using gazette::test::ChildProcess;

struct Options {
  int kills = 50;
  size_t batch = 2000;
  size_t shards = 2;
  unsigned seed = 1;
  std::string work;
  std::vector<std::string> inputs;
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
  std::exit(1);
}

// The command line of one import run.
std::vector<std::string> import_command(const Options& o, const std::string& db) {
  std::vector<std::string> args = {
      GAZETTE_BIN_DIR "/gazette-index", "--quiet", "--db", db, "--batch", std::to_string(o.batch), "--shards",
      std::to_string(o.shards)};
  args.insert(args.end(), o.inputs.begin(), o.inputs.end());
  return args;
}

// Runs one import to its end, or fails once `limit` has passed (the import is
// then killed): no wait of this tool is unbounded.
int run_import(const Options& o, const std::string& db, const std::string& log, std::chrono::seconds limit) {
  ChildProcess import(import_command(o, db), {}, log);
  std::optional<int> rc = import.wait_for(limit);
  if (!rc) fail("an import of " + db + " still ran after " + std::to_string(limit.count()) + " s (see " + log + ")");
  return *rc;
}

// 0 and 1 (some input skipped) are the exit codes of a complete run.
bool completed(int exit_code) { return exit_code == 0 || exit_code == 1; }

std::set<std::string> ids_of(const Xapian::Database& db, const std::string& where) {
  std::set<std::string> ids;
  const std::string prefix = gazette::schema::kId;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    if (t.get_termfreq() != 1) fail(where + ": id " + *t + " is held " + std::to_string(t.get_termfreq()) + " times");
    ids.insert((*t).substr(prefix.size()));
  }
  return ids;
}

void xapian_check(const std::string& path) {
  std::string command = "timeout 600 xapian-check '" + path + "' > /dev/null 2>&1";
  if (std::system(command.c_str()) != 0) fail("xapian-check finds errors in " + path);
}

struct State {
  std::string phase;  // "importing" or "merging" (the stub over shards), or "merged"
  size_t articles = 0;
  bool complete = false;
};

// Checks the index at `db` after a kill or a finished run; `expected` are the
// reference ids, `per_shard` how many of them each shard holds when complete.
State check(const Options& o, const std::string& db, const std::set<std::string>& expected,
            const std::vector<size_t>& per_shard) {
  State state;
  const bool stub = gazette::layout::stub_shards(db) > 0;
  state.phase = !stub ? "merged" : fs::exists(db + ".merged") ? "merging" : "importing";
  if (stub) {
    for (size_t i = 0; i < o.shards; ++i) {
      std::string shard = gazette::layout::shard_path(db, i);
      xapian_check(shard);
      size_t n = Xapian::Database(shard).get_doccount();
      if (n % o.batch != 0 && n != per_shard[i])
        fail(shard + " holds " + std::to_string(n) + " articles: not whole batches of " + std::to_string(o.batch) +
             " nor its " + std::to_string(per_shard[i]));
    }
  } else if (fs::exists(db)) {
    xapian_check(db);
  } else {
    fail(db + " is missing");
  }
  Xapian::Database index(db);
  std::set<std::string> ids = ids_of(index, db);
  for (const auto& id : ids)
    if (!expected.count(id)) fail(db + " holds " + id + ", which no input has");
  state.articles = ids.size();
  if (state.articles != index.get_doccount()) fail(db + ": documents without an id");
  state.complete = !stub && state.articles == expected.size();
  if (!stub && !state.complete)
    fail(db + " was merged with " + std::to_string(state.articles) + " articles of " + std::to_string(expected.size()));
  return state;
}

struct Reference {
  std::string path;
  double seconds = 0;        // the uninterrupted import
  double rerun_seconds = 0;  // the same import again, everything unchanged
};

// Imports the inputs once without a kill, unless WORK/reference was made by
// an earlier run from the same inputs and options (its figures are kept
// beside it): the full corpus takes minutes.
Reference reference_import(const Options& o, const std::string& log) {
  Reference ref{o.work + "/reference"};
  std::string key = std::to_string(o.batch) + " " + std::to_string(o.shards);
  for (const auto& in : o.inputs) key += " " + fs::absolute(in).string();
  const std::string record = ref.path + ".done";
  std::ifstream in(record);
  std::string recorded_key;
  if (in >> ref.seconds >> ref.rerun_seconds && std::getline(in >> std::ws, recorded_key) && recorded_key == key)
    return ref;
  fs::remove_all(ref.path);
  for (double* seconds : {&ref.seconds, &ref.rerun_seconds}) {
    auto started = Clock::now();
    // The reference has no earlier measure to scale from: the whole corpus
    // takes minutes, so it gets six hours.
    int rc = run_import(o, ref.path, log, std::chrono::hours(6));
    *seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (!completed(rc)) fail("the reference import exited with " + std::to_string(rc) + " (see " + log + ")");
  }
  std::ofstream(record) << ref.seconds << ' ' << ref.rerun_seconds << ' ' << key << '\n';
  return ref;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    if (a == "--kills")
      o.kills = std::stoi(value());
    else if (a == "--batch")
      o.batch = std::stoul(value());
    else if (a == "--shards")
      o.shards = std::stoul(value());
    else if (a == "--seed")
      o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--work")
      o.work = value();
    else if (a.rfind("--", 0) == 0)
      fail("unknown option " + a);
    else
      o.inputs.push_back(a);
  }
  if (o.work.empty() || o.inputs.empty() || o.kills < 1 || o.batch < 1 || o.shards < 2)
    fail("usage: crash_import [--kills N] [--batch B] [--shards S>=2] [--seed X] --work DIR INPUT...");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  for (const auto& in : o.inputs)
    if (!fs::exists(in)) {
      // Under CI a missing input is a failure: a green CI run must have run this.
      const char* ci = std::getenv("CI");
      if (ci && std::string(ci) == "true") fail("input " + in + " not found and CI=true (the shared corpus is needed)");
      std::printf("SKIPPED: input %s not found (the shared corpus is needed)\n", in.c_str());
      return 0;
    }
  fs::create_directories(o.work);
  const std::string log = o.work + "/imports.log", db = o.work + "/db";
  fs::remove_all(db);
  const Reference ref = reference_import(o, log);
  const std::set<std::string> expected = ids_of(Xapian::Database(ref.path), ref.path);
  std::vector<size_t> per_shard(o.shards);
  for (const auto& id : expected) ++per_shard[gazette::shard_of(id, o.shards)];
  std::printf(
      "reference import: %zu articles in %.1f s (a re-run finding them unchanged: %.1f s); %d kills "
      "follow, batch %zu, %zu shards\n",
      expected.size(), ref.seconds, ref.rerun_seconds, o.kills, o.batch, o.shards);

  // The kill moments, on the timeline of one uninterrupted import.
  std::mt19937 random(o.seed);
  std::vector<double> moments(o.kills);
  for (double& m : moments) m = std::uniform_real_distribution<double>(0.0, ref.seconds)(random);
  std::sort(moments.begin(), moments.end());

  std::map<std::string, int> phases;
  int finished = 0, finished_before_this_kill = 0;
  double resumed_at = 0;  // where on that timeline a restarted import resumes
  double pace = 1.0;      // seconds now per second of that timeline
  for (size_t k = 0; k < moments.size();) {
    // A restart first skips what is committed, then works on from there.
    const double skip = ref.rerun_seconds * resumed_at / ref.seconds;
    // A kill whose moment the committed work has already passed (the last
    // run got further than its kill's moment) lands within the next stretch
    // of work instead: not at the restart's first instant, every time.
    double ahead = moments[k] - resumed_at;
    if (ahead <= 0) ahead = std::uniform_real_distribution<double>(0.0, ref.seconds / o.kills)(random);
    double delay = std::max(0.05, pace * (skip + ahead));
    const auto started = Clock::now();
    ChildProcess import(import_command(o, db), {}, log);
    auto deadline = Clock::now() + std::chrono::duration<double>(delay);
    std::optional<int> ended;
    while (Clock::now() < deadline && !(ended = import.poll()))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (ended) {
      // The import ended before its kill: this machine is faster now than
      // during the reference, by the ratio of this run to its prediction.
      pace = std::chrono::duration<double>(Clock::now() - started).count() / (skip + ref.seconds - resumed_at);
      if (!completed(*ended)) fail("an import exited with " + std::to_string(*ended) + " (see " + log + ")");
      if (!check(o, db, expected, per_shard).complete) fail("a finished import left an incomplete index");
      ++finished;
      fs::remove_all(db);
      resumed_at = 0;
      // A kill in the last instants may miss again and again: it moves earlier.
      if (++finished_before_this_kill >= 3)
        moments[k] = std::uniform_real_distribution<double>(0.0, moments[k])(random);
      continue;
    }
    import.kill();
    ++k;
    finished_before_this_kill = 0;
    const State s = check(o, db, expected, per_shard);
    ++phases[s.complete ? "after the merge" : s.phase];
    std::printf(
        "kill %2zu at %7.2f s of the import (%.2f s after a start): %s, %zu of %zu articles committed, "
        "checks pass\n",
        k, resumed_at + ahead, delay, s.complete ? "merged" : s.phase.c_str(), s.articles, expected.size());
    std::fflush(stdout);
    if (s.complete) {
      fs::remove_all(db);
      resumed_at = 0;
    } else {
      // The writing is about nine tenths of an import, the merge the rest.
      resumed_at = 0.9 * ref.seconds * s.articles / expected.size();
    }
  }

  // Ten times the uninterrupted import, and a minute more: bounded, and far
  // more than it needs on any machine this runs on.
  const auto limit = std::chrono::seconds(60 + static_cast<long>(10 * ref.seconds * std::max(1.0, pace)));
  int rc = run_import(o, db, log, limit);
  if (!completed(rc)) fail("the last import exited with " + std::to_string(rc) + " (see " + log + ")");
  State last = check(o, db, expected, per_shard);
  if (!last.complete) fail("the import run after the last kill did not complete the index");
  if (ids_of(Xapian::Database(db), db) != expected) fail("the resumed index holds other ids than the reference");
  std::printf("summary: %d kills (", o.kills);
  const char* sep = "";
  for (const auto& [phase, n] : phases) std::printf("%s%d %s", std::exchange(sep, ", "), n, phase.c_str());
  std::printf(
      "), %d imports finished before their kill; the resumed import holds the %zu reference articles, "
      "each once; xapian-check clean after every kill\n",
      finished, expected.size());
  return 0;
}
