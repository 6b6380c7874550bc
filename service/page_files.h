// How gazette-serve sends the page's files and compresses its answers, on
// top of cpp-httplib's mount point and content coding.
//
// Stateless: both functions may be called from any thread; they throw
// nothing.
#pragma once

#include <string>

#include <httplib.h>

namespace gazette {

// Serves the files of `web_dir` under "/" (nothing when it is empty), each
// answer with a strong ETag of the bytes it sends (the file as read for it,
// and the coding cpp-httplib gives it), Cache-Control: no-cache, and 304
// without a body when If-None-Match names that tag.
void serve_page_files(httplib::Server& server, const std::string& web_dir);

// Takes the "br" coding out of the request's Accept-Encoding, so that the
// answer is gzip-compressed instead. To be called before routing: cpp-httplib
// reads the header when it writes the answer.
void refuse_brotli(const httplib::Request& req);

}  // namespace gazette
