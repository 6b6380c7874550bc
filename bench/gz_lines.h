// Reading a JSON Lines file line by line through zlib (gzread reads plain
// files too), for the bench tools that stream a corpus.
#pragma once

#include <zlib.h>

#include <string>

namespace gazette::bench {

// Reads the next line of `file` into `line`, without its newline. False at
// the end of the file (a last line without a newline is still returned).
inline bool read_line(gzFile file, std::string& line) {
  line.clear();
  char buffer[1 << 16];
  while (gzgets(file, buffer, sizeof buffer)) {
    line += buffer;
    if (line.back() == '\n') {
      line.pop_back();
      return true;
    }
  }
  return !line.empty();
}

}  // namespace gazette::bench
