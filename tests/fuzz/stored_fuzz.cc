// libFuzzer target: reading a stored document's data back (read_article, read_title).
// What it calls and checks is in targets.h, shared with the regression test.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::run_stored(data, size);
  return 0;
}
