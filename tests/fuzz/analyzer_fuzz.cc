// libFuzzer target: tokenize, fold_text, facet_key and the French stemmer.
// What it calls and checks is in targets.h, shared with the regression test.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::run_analyzer(data, size);
  return 0;
}
