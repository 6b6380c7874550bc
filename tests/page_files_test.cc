// The page's files as gazette-serve sends them (service/page_files.h), over
// a real loopback server: validators, revalidation, and the content coding.
#include <fstream>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "corpus_fixture.h"
#include "service_fixture.h"

namespace gazette {
namespace {

// The page's files are revalidated at every use (Cache-Control: no-cache)
// against a strong ETag of their bytes: 304 without a body while the
// browser's copy is current, the file again once it changed on disk (a
// deploy while the service runs), with the security headers either way.
TEST(StaticFiles, RevalidatedAgainstAnETagThatFollowsTheContent) {
  const std::string web = test::temp_dir("static-files-web");
  auto write = [&web](const std::string& name, const std::string& text) {
    std::ofstream(web + "/" + name, std::ios::binary) << text;
  };
  write("index.html", "<!doctype html><title>Gazette</title>\n");
  write("app.js", "export const version = 1;\n");
  test::RunningService service(ClusterConfig::single(test::writable_copy(test::CorpusSlice::committed().db, "static")),
                               "", [&web](ServiceConfig& c) { c.web_dir = web; });
  auto client = service.client();
  auto get = [&client](const std::string& path, httplib::Headers headers = {}) {
    auto res = client.Get(path.c_str(), headers);
    EXPECT_TRUE(res) << path;
    return res ? *res : httplib::Response{};
  };
  auto expect_page_headers = [](const httplib::Response& res) {
    EXPECT_EQ(res.get_header_value("Cache-Control"), "no-cache");
    EXPECT_EQ(res.get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_NE(res.get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  };

  for (const auto& [path, text] : {std::pair<std::string, std::string>{"/app.js", "export const version = 1;\n"},
                                   {"/", "<!doctype html><title>Gazette</title>\n"}}) {
    SCOPED_TRACE(path);
    httplib::Response first = get(path);
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, text);
    expect_page_headers(first);
    const std::string tag = first.get_header_value("ETag");
    ASSERT_GT(tag.size(), 2u);
    EXPECT_EQ(tag.front(), '"') << "a strong tag: " << tag;
    EXPECT_EQ(tag.back(), '"') << tag;

    httplib::Response again = get(path, {{"If-None-Match", tag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.get_header_value("ETag"), tag);
    expect_page_headers(again);
    // Among others, or weak (If-None-Match compares weakly): still current.
    EXPECT_EQ(get(path, {{"If-None-Match", "\"other\", " + tag}}).status, 304);
    EXPECT_EQ(get(path, {{"If-None-Match", "W/" + tag}}).status, 304);

    httplib::Response other = get(path, {{"If-None-Match", "\"0000000000000000\""}});
    EXPECT_EQ(other.status, 200);
    EXPECT_EQ(other.body, text);
    EXPECT_EQ(other.get_header_value("ETag"), tag);
  }

  // A compressed answer is other bytes: its own tag, current as such.
  const std::string plain = get("/app.js").get_header_value("ETag");
  httplib::Response gzipped = get("/app.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzipped.get_header_value("Content-Encoding"), "gzip");
  const std::string gzip_tag = gzipped.get_header_value("ETag");
  EXPECT_NE(gzip_tag, plain);
  EXPECT_EQ(get("/app.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip_tag}}).status, 304);
  // What browsers accept ("gzip, deflate, br"): gzip, for files and API
  // answers alike (brotli at httplib's quality took 11 to 19 ms an answer).
  for (const char* path : {"/app.js", "/api/v1/stats"}) {
    httplib::Response browser = get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
    EXPECT_EQ(browser.status, 200) << path;
    EXPECT_EQ(browser.get_header_value("Content-Encoding"), "gzip") << path;
    EXPECT_EQ(get(path, {{"Accept-Encoding", "br;q=1.0"}}).get_header_value("Content-Encoding"), "") << path;
    EXPECT_EQ(get(path, {{"accept-encoding", "br, gzip"}}).get_header_value("Content-Encoding"), "gzip") << path;
  }
  EXPECT_EQ(get("/app.js", {{"Accept-Encoding", "gzip, deflate, br"}}).body, "export const version = 1;\n");

  // The same size, other bytes: a new tag, and the old one is stale.
  write("app.js", "export const version = 2;\n");
  httplib::Response changed = get("/app.js", {{"If-None-Match", plain}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, "export const version = 2;\n");
  EXPECT_NE(changed.get_header_value("ETag"), plain);
  EXPECT_FALSE(changed.get_header_value("ETag").empty());
}

}  // namespace
}  // namespace gazette
