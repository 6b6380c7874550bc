// libFuzzer target: the JSON Lines importer: one line, and the same bytes as a plain and a gzip file.
// What it calls and checks is in targets.h, shared with the regression test.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::run_jsonl(data, size);
  return 0;
}
