// An API error: the HTTP status and the JSON body {"error": {"code",
// "message"}} that every failing request gets. The message names what is
// wrong (the parameter, the position in the query, the article id).
#pragma once

#include <string>

namespace gazette {

struct ApiError {
  int status = 400;
  std::string code;     // stable, for scripts: "bad_parameter", "not_found", ...
  std::string message;  // for people
};

}  // namespace gazette
