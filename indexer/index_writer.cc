#include "indexer/index_writer.h"

#include <chrono>
#include <ctime>

#include "common/schema.h"
#include "indexer/document_builder.h"

namespace gazette {
namespace {

// Articles analysed together by one thread: large enough to amortise the
// hand-over, small enough to keep memory flat.
constexpr size_t kChunkSize = 64;

// "field 'tags' must be ..." and "malformed JSON: error at ..." are counted
// under the words before the first detail.
std::string reason_category(const std::string& problem) {
  size_t cut = problem.find_first_of(":(");
  std::string category = problem.substr(0, cut);
  while (!category.empty() && category.back() == ' ') category.pop_back();
  return category;
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

size_t ImportSummary::rejected_total() const {
  size_t n = 0;
  for (const auto& [reason, count] : rejected) n += count;
  return n;
}

IndexWriter::IndexWriter(const std::string& db_path, IndexOptions options, Reporter report)
    : db_(db_path, Xapian::DB_CREATE_OR_OPEN),
      options_(options),
      report_(std::move(report)) {
  if (options_.analysis_threads == 0) options_.analysis_threads = 1;
  db_.set_metadata(schema::kVersionKey, std::to_string(schema::kVersion));
}

IndexWriter::~IndexWriter() {
  // An exception is unwinding: let the analysis threads end, and leave the
  // uncommitted batch out of the index, as a crash would.
  for (auto& f : in_flight_) f.wait();
}

void IndexWriter::add(ImportRecord&& record) {
  for (const auto& w : record.warnings) {
    report_(record.where.str() + ": warning: " + w);
    ++summary_.warnings;
  }
  if (!record.article) {
    report_(record.where.str() + ": skipped: " + record.problem);
    ++summary_.rejected[reason_category(record.problem)];
    return;
  }
  auto [it, first] = seen_.emplace(record.article->id, record.where.str());
  if (!first) {
    report_(record.where.str() + ": skipped: duplicate id " + record.article->id +
            ", already imported from " + it->second);
    ++summary_.duplicates;
    return;
  }
  pending_.push_back(std::move(*record.article));
  if (pending_.size() >= kChunkSize) submit_chunk();
}

void IndexWriter::submit_chunk() {
  if (pending_.empty()) return;
  in_flight_.push_back(std::async(std::launch::async, [chunk = std::move(pending_)] {
    DocumentBuilder builder;
    std::vector<BuiltArticle> built;
    built.reserve(chunk.size());
    for (const Article& a : chunk) built.push_back(build_article(builder, a));
    return built;
  }));
  pending_.clear();
  // Keep every analysis thread busy while this thread writes, no more.
  while (in_flight_.size() > options_.analysis_threads) {
    auto built = in_flight_.front().get();
    in_flight_.pop_front();
    write(std::move(built));
  }
}

void IndexWriter::write(std::vector<BuiltArticle> built) {
  for (const BuiltArticle& b : built) {
    switch (upsert(db_, b)) {
      case UpsertResult::kUnchanged: ++summary_.unchanged; continue;
      case UpsertResult::kReplaced: ++summary_.replaced; break;
      case UpsertResult::kAdded: ++summary_.added; break;
    }
    if (++since_commit_ >= options_.batch_size) commit();
  }
}

void IndexWriter::commit() {
  db_.set_metadata("gazette:last-update", now_iso());
  db_.commit();
  since_commit_ = 0;
}

ImportSummary IndexWriter::finish() {
  submit_chunk();
  while (!in_flight_.empty()) {
    auto built = in_flight_.front().get();
    in_flight_.pop_front();
    write(std::move(built));
  }
  commit();
  return summary_;
}

}  // namespace gazette
