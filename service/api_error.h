// An API error: the HTTP status and the JSON body {"error": {"code",
// "message"}} that every failing request gets. The message names what is
// wrong (the parameter, the position in the query, the article id).
// Expected failures reach the service as Problems (common/problem.h); their
// code decides the status.
#pragma once

#include <string>

#include "common/problem.h"

namespace gazette {

struct ApiError {
  int status = 400;
  std::string code;     // stable, for scripts: "bad_parameter", "not_found", ...
  std::string message;  // for people

  // not_found: 404; too_many_alerts: 409; unauthorized: 401; forbidden and
  // writes_disabled: 403; bad_stored_document: 500; any other "bad_...": 400
  // (the request's fault); anything else: 500.
  static ApiError from(const Problem& problem);
};

inline ApiError ApiError::from(const Problem& p) {
  int status = p.code == "not_found"                                  ? 404
               : p.code == "too_many_alerts"                          ? 409
               : p.code == "unauthorized"                             ? 401
               : p.code == "forbidden" || p.code == "writes_disabled" ? 403
               : p.code == "bad_stored_document"                      ? 500
               : p.code.rfind("bad_", 0) == 0                         ? 400
                                                                      : 500;
  return {status, p.code, p.str()};
}

}  // namespace gazette
