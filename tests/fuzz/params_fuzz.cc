// libFuzzer target: parse_search_params on a query string.
// What it calls and checks is in targets.h, shared with the regression test.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::run_params(data, size);
  return 0;
}
