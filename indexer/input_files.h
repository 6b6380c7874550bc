// Turns the INPUT arguments of gazette-index (files and folders) into the
// ordered list of files to import, each with the importer that reads it.
//
// Folders are walked recursively without following symbolic links to
// folders (so a link loop cannot trap the walk). Inside folders, files of an
// unknown type (a README, say) are listed as ignored; named explicitly, they
// are an error. Files are ordered JSON Lines first, then HTML, then text,
// each by path: structured exports come first, so that when the same article
// is also given as a page, the first copy read is the exported one.
#pragma once

#include <string>
#include <vector>

#include "indexer/import_record.h"

namespace gazette {

enum class InputKind { kJsonLines, kHtml, kText };

struct InputFile {
  std::string path;
  InputKind kind;
};

struct InputPlan {
  std::vector<InputFile> files;
  std::vector<std::string> ignored;    // files of unknown type found in folders
  std::vector<ImportRecord> problems;  // inputs that cannot be read, with the reason
};

InputPlan plan_inputs(const std::vector<std::string>& inputs);

}  // namespace gazette
