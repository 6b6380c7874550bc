// libFuzzer target: JsonWriter, the writer of the answers sent most.
// What it calls and checks is in targets.h, shared with the regression test.
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gazette::fuzz::run_json_writer(data, size);
  return 0;
}
