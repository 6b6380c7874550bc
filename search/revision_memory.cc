#include "search/revision_memory.h"

#include "common/shard_numbering.h"

namespace gazette {

RevisionMemory RevisionMemory::of(const Xapian::Database& db, std::shared_ptr<const FacetColumns> columns) {
  RevisionMemory memory;
  if (columns) memory.columns.push_back({db, std::move(columns)});
  return memory;
}

RevisionMemory::DocumentCodes RevisionMemory::codes(Facet facet, Xapian::docid did) const {
  const size_t n = columns.size();
  const FacetColumn& column = columns[shard_of(did, n)].columns->column(facet);
  return {&column, column.codes(docid_in_shard(did, n))};
}

uint64_t RevisionMemory::title_key_hash(Xapian::docid did) const {
  const size_t n = columns.size();
  return columns[shard_of(did, n)].columns->title_words().key_hash(docid_in_shard(did, n));
}

std::vector<ShardTitles> RevisionMemory::title_words() const {
  std::vector<ShardTitles> titles;
  for (const ShardColumns& shard : columns) titles.push_back({shard.columns->uuid(), &shard.columns->title_words()});
  return titles;
}

std::vector<ShardLengths> RevisionMemory::document_lengths() const {
  std::vector<ShardLengths> lengths;
  for (const ShardColumns& shard : columns)
    lengths.push_back({shard.columns->uuid(), &shard.columns->document_lengths()});
  return lengths;
}

}  // namespace gazette
