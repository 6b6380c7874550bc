// Which shard owns an article: a stable hash of its id (CRC32), the same in
// every run and on every machine, so that re-imports, upserts and deletes of
// an id always reach the shard that holds it. gazette-index routes bulk
// imports with it; the service routes its writes with it.
#pragma once

#include <zlib.h>

#include <string>

namespace gazette {

inline size_t shard_of(const std::string& id, size_t shards) {
  return crc32(0L, reinterpret_cast<const Bytef*>(id.data()), static_cast<uInt>(id.size())) % shards;
}

}  // namespace gazette
