// libFuzzer target: fold_query, QueryBuilder::parse and ::filter, and a search on a tiny index.
// What it calls and checks is in targets.h, shared with the regression test.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::run_query(data, size);
  return 0;
}
