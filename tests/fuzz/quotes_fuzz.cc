// libFuzzer target: the quote extractor (entities/quotes.h).
// What it calls and checks is in targets.h, shared with the regression test.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::run_quotes(data, size);
  return 0;
}
