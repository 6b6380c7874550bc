// Bad requests against a real loopback server over the committed fixture
// (tests/data/): each gets an error that names the problem, the service keeps
// answering other clients, and nothing already indexed is lost. Cases already
// in service_test.cc are not repeated here.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "corpus_fixture.h"
#include "service/api_params.h"
#include "service/cursor.h"
#include "service_fixture.h"

namespace gazette {
namespace {

using nlohmann::json;

const char kToken[] = "token-for-bad-inputs";

// The port of the one listening socket of this process (the fixture keeps
// its port to itself, and raw sockets need it).
int listening_port() {
  for (int fd = 3; fd < 1024; ++fd) {
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
    sockaddr_in addr{};
    socklen_t addr_len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) == 0 && addr.sin_family == AF_INET)
      return ntohs(addr.sin_port);
  }
  return -1;
}

// A raw connection, for what httplib::Client would not send.
class RawSocket {
 public:
  explicit RawSocket(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval timeout{20, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawSocket() { close(fd_); }
  bool connected() const { return connected_; }
  bool send_all(const std::string& bytes) {
    for (size_t sent = 0; sent < bytes.size();) {
      ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  // Whether bytes are waiting to be read now (no wait).
  bool has_data() {
    char c;
    return recv(fd_, &c, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
  }
  // Everything until the server closes the connection or goes quiet.
  std::string read_all() {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd_, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

int status_of(const std::string& response) {
  return response.size() > 12 && response.compare(0, 5, "HTTP/") == 0 ? std::atoi(response.c_str() + 9) : -1;
}

class ServiceBadInputs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = new test::RunningService(test::CorpusSlice::committed().db, kToken);
    port_ = listening_port();
    articles_ = service_->get("/api/v1/stats")["articles"].get<long>();
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }
  // After each case: the service answers, and has every article it had.
  void TearDown() override {
    if (!service_ || IsSkipped()) return;
    int status = 0;
    json stats = service_->get("/api/v1/stats", &status);
    EXPECT_EQ(status, 200) << "the service stopped answering";
    if (status == 200) {
      EXPECT_GE(stats["articles"].get<long>(), articles_) << "indexed articles were lost";
    }
  }

  // GET `path`; checks the status and that the error message says `says`.
  static json expect_error(const std::string& path, int status, const std::string& says) {
    int got = 0;
    json body = service_->get(path, &got);
    EXPECT_EQ(got, status) << path.substr(0, 200);
    EXPECT_TRUE(body.is_object() && body.contains("error"))
        << path.substr(0, 200) << " -> " << body.dump().substr(0, 200);
    if (body.is_object() && body.contains("error")) {
      EXPECT_NE(body["error"]["message"].get<std::string>().find(says), std::string::npos)
          << path.substr(0, 200) << " -> " << body["error"]["message"];
    }
    return body;
  }

  static httplib::Result post(const std::string& body, const std::string& type) {
    return service_->client().Post("/api/v1/articles", {{"Authorization", std::string("Bearer ") + kToken}}, body,
                                   type.c_str());
  }

  static test::RunningService* service_;
  static int port_;
  static long articles_;
};
test::RunningService* ServiceBadInputs::service_ = nullptr;
int ServiceBadInputs::port_ = -1;
long ServiceBadInputs::articles_ = 0;

TEST_F(ServiceBadInputs, NegativeZeroAndHugeSizesAndPages) {
  expect_error("/api/v1/search?q=x&page=-1", 400, "parameter 'page' must be a whole number from 1 to 10000, not '-1'");
  expect_error("/api/v1/search?q=x&page=0", 400, "parameter 'page'");
  expect_error("/api/v1/search?q=x&size=99999999999999999999", 400, "parameter 'size'");
  expect_error("/api/v1/search?q=x&size=1e2", 400, "parameter 'size'");
  expect_error("/api/v1/search?q=x&size=%2B5", 400, "parameter 'size'");
  expect_error("/api/v1/search?q=x&facet_size=0", 400, "parameter 'facet_size'");
  expect_error("/api/v1/suggest?q=x&size=21", 400, "parameter 'size' must be a whole number from 1 to 20");
  // The deepest page allowed is answered, empty.
  json last = service_->get("/api/v1/search?q=france&page=10000&size=100");
  EXPECT_TRUE(last["hits"].empty());
  EXPECT_TRUE(last["next_cursor"].is_null());
}

TEST_F(ServiceBadInputs, TamperedAndForgedCursors) {
  json page = service_->get("/api/v1/search?q=france&size=10");
  ASSERT_TRUE(page["next_cursor"].is_string()) << "france: more than one page of the fixture";
  std::string cursor = page["next_cursor"];
  std::string tampered = cursor;
  tampered[3] = tampered[3] == '1' ? '2' : '1';  // the offset
  expect_error("/api/v1/search?q=france&size=10&cursor=" + tampered, 400,
               "parameter 'cursor' is not a cursor of this search");
  expect_error("/api/v1/search?q=france&size=10&cursor=" + cursor.substr(0, cursor.size() - 1), 400,
               "parameter 'cursor'");
  expect_error("/api/v1/search?q=france&size=10&cursor=%00", 400, "parameter 'cursor'");
  // A cursor's checksum is not a secret: one forged far past the end gives
  // no hits; one past what Xapian's 32-bit document count holds (which
  // would wrap around to the first page) is refused.
  Params params = {{"q", "france"}, {"size", "10"}};
  SearchParams parsed;
  ASSERT_FALSE(parse_search_params(params, parsed));
  json far = service_->get("/api/v1/search?q=france&size=10&cursor=" + encode_cursor(1000000, parsed.fingerprint));
  EXPECT_TRUE(far["hits"].empty());
  for (size_t offset : {size_t{4294967290}, size_t{4294967296}, size_t{999999999999}})
    expect_error("/api/v1/search?q=france&size=10&cursor=" + encode_cursor(offset, parsed.fingerprint), 400,
                 "parameter 'cursor' is not a cursor of this search");
}

// A cursor belongs to one search: made for section=X it is refused for
// tag=X (the filter lists once shared one fingerprint), and for the same
// values moved between any two filters.
TEST(Cursor, BelongsToItsFiltersNotJustTheirValues) {
  auto fingerprint = [](const Params& params) {
    SearchParams parsed;
    EXPECT_FALSE(parse_search_params(params, parsed));
    return parsed.fingerprint;
  };
  const std::string by_section = fingerprint({{"q", "retraites"}, {"section", "Politique"}});
  const std::string cursor = encode_cursor(20, by_section);
  EXPECT_EQ(decode_cursor(cursor, fingerprint({{"q", "retraites"}, {"section", "Politique"}})), 20u);
  EXPECT_FALSE(decode_cursor(cursor, fingerprint({{"q", "retraites"}, {"tag", "Politique"}})));
  EXPECT_FALSE(decode_cursor(cursor, fingerprint({{"q", "retraites"}, {"author", "Politique"}})));
  EXPECT_FALSE(decode_cursor(cursor, fingerprint({{"q", "retraites"}})));
  // Values that would join alike once concatenated.
  EXPECT_NE(fingerprint({{"section", "a"}, {"section", "b"}}), fingerprint({{"section", "a"}, {"tag", "b"}}));
  EXPECT_NE(fingerprint({{"q", "a"}, {"section", "b"}}), fingerprint({{"q", "ab"}}));
}

TEST_F(ServiceBadInputs, ACursorOfOneSectionIsRefusedForTheTagOfTheSameName) {
  json first = service_->get("/api/v1/search?q=france&size=1");
  ASSERT_FALSE(first["hits"].empty());
  const std::string section = first["hits"][0]["section"];
  ASSERT_FALSE(section.empty());
  const std::string value = httplib::detail::encode_query_param(section);
  json page = service_->get("/api/v1/search?q=france&size=1&section=" + value);
  ASSERT_TRUE(page["next_cursor"].is_string()) << "the slice has more than one article of section " << section;
  const std::string cursor = page["next_cursor"];
  json next = service_->get("/api/v1/search?q=france&size=1&section=" + value + "&cursor=" + cursor);
  EXPECT_EQ(next["offset"], 1);
  expect_error("/api/v1/search?q=france&size=1&tag=" + value + "&cursor=" + cursor, 400,
               "parameter 'cursor' is not a cursor of this search");
}

TEST_F(ServiceBadInputs, InvalidUtf8Elsewhere) {
  expect_error("/api/v1/search?q=x&section=%C3%28", 400, "parameter 'section' is not valid UTF-8 (byte 0)");
  expect_error("/api/v1/search?q=%C0%AF", 400, "parameter 'q' is not valid UTF-8 (byte 0)");
  expect_error("/api/v1/search?q=%ED%A0%80", 400, "not valid UTF-8");  // a UTF-16 surrogate
  int status = 0;
  service_->get("/api/v1/suggest?q=%C3%28", &status);
  EXPECT_TRUE(status == 200 || status == 400) << status;
  expect_error("/api/v1/articles/%FF%FE", 404, "no article with id");
}

TEST_F(ServiceBadInputs, OneMegabyteQueryIsRefusedAndTheServerGoesOn) {
  auto res = service_->client().Get(("/api/v1/search?q=" + std::string(1u << 20, 'a')).c_str());
  ASSERT_TRUE(res) << "no answer to a 1 MB query";
  EXPECT_TRUE(res->status == 414 || res->status == 400) << res->status;
  json body = json::parse(res->body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("error")) << res->body.substr(0, 200);
  EXPECT_NE(body["error"]["message"].get<std::string>().find("HTTP 414"), std::string::npos) << body.dump();
  // Under the server's URI limit, the API's own limit names the parameter.
  expect_error("/api/v1/search?q=" + std::string(5000, 'a'), 400,
               "parameter 'q' is 5000 bytes long; the limit is 1024");
}

TEST_F(ServiceBadInputs, TenThousandFilterValues) {
  std::string path = "/api/v1/search?q=x";
  for (int i = 0; i < 10000; ++i) path += "&tag=t" + std::to_string(i);
  auto res = service_->client().Get(path.c_str());
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 414 || res->status == 400) << res->status;
  // What fits in a URI reaches the API's limit of 100 values (httplib
  // drops repeated name=value pairs, so the values differ).
  std::string fits = "/api/v1/search?q=x";
  for (int i = 0; i < 500; ++i) fits += "&tag=" + std::to_string(i);
  expect_error(fits, 400, "parameter 'tag' has 500 values; the limit is 100");
  Params params;
  for (int i = 0; i < 10000; ++i) params.emplace("section", "s" + std::to_string(i));
  SearchParams parsed;
  auto error = parse_search_params(params, parsed);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "parameter 'section' has 10000 values; the limit is 100");
}

TEST_F(ServiceBadInputs, UnknownFacetSortAndIntervalInOtherSpellings) {
  expect_error("/api/v1/search?q=x&facets=SECTION", 400, "unknown facet 'SECTION' (known: section, tag, source, date");
  expect_error("/api/v1/search?q=x&facets=section&facets=auteur", 400, "unknown facet 'auteur'");
  expect_error("/api/v1/search?q=x&sort=DATE", 400, "parameter 'sort' must be relevance, date or -date, not 'DATE'");
  expect_error("/api/v1/search?q=x&sort=date&sort=-date", 400, "parameter 'sort' is given 2 times");
  int status = 0;
  service_->get("/api/v1/search?q=x&date_interval=&facets=", &status);
  EXPECT_EQ(status, 200) << "empty values mean unset";
}

TEST_F(ServiceBadInputs, WrongContentTypes) {
  const std::string article = R"({"id": "ct-1", "title": "Type", "body": "Texte."})";
  auto plain = post(article, "text/plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 415);
  EXPECT_NE(plain->body.find("not 'text/plain'"), std::string::npos) << plain->body;
  // httplib reads multipart bodies itself, and refuses this one first.
  auto multipart = post(article, "multipart/form-data; boundary=x");
  EXPECT_TRUE(multipart->status == 415 || multipart->status == 400) << multipart->status;
  EXPECT_NE(multipart->body.find("\"error\""), std::string::npos) << multipart->body;
  auto with_charset = post(article, "application/json; charset=utf-8");
  EXPECT_EQ(with_charset->status, 200) << with_charset->body;
}

TEST_F(ServiceBadInputs, JsonBodiesThatAreNotArticles) {
  const std::pair<std::string, std::string> cases[] = {
      {R"("une chaîne")", "expected a JSON object, found string"},
      {"null", "expected a JSON object, found null"},
      {"42", "expected a JSON object, found number"},
      {"{}", "missing id"},
      {"[]", "no article in the body could be indexed"},
      {"{", "the body is not valid JSON"},
      {R"({"id": "x", "title": "t", "body": "b", "n": 1e999})", "the body is not valid JSON"},
  };
  for (const auto& [body, says] : cases) {
    auto res = post(body, "application/json");
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_NE(res->body.find(says), std::string::npos) << body << " -> " << res->body;
  }
}

TEST_F(ServiceBadInputs, DeeplyNestedJsonBody) {
  const size_t depth = 100000;
  auto arrays = post(std::string(depth, '[') + std::string(depth, ']'), "application/json");
  ASSERT_TRUE(arrays) << "no answer: the server died on a deep body";
  EXPECT_EQ(arrays->status, 400) << arrays->body.substr(0, 200);
  auto inside = post(
      R"({"id": "deep-1", "title": "t", "body": "b", "x": )" + std::string(depth, '[') + std::string(depth, ']') + "}",
      "application/json");
  ASSERT_TRUE(inside) << "no answer: the server died on a deep field";
  EXPECT_EQ(inside->status, 400) << inside->body.substr(0, 200);
  EXPECT_NE(inside->body.find("nested"), std::string::npos) << inside->body.substr(0, 200);
}

// httplib reads and discards a body declared over the limit until the read
// timeout (10 s) before it answers 413: the connection holds one worker for
// that long, the others keep serving. Other clients are answered while the
// 413 is still to come. (Only a machine so loaded that three searches take
// longer than httplib's 10 s read timeout would fail this wrongly.)
TEST_F(ServiceBadInputs, DeclaredBodyPastTheLimit) {
  RawSocket raw(port_);
  ASSERT_TRUE(raw.connected());
  raw.send_all(std::string("POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ") + kToken +
               "\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{");
  for (int i = 0; i < 3; ++i) {
    int status = 0;
    json found = service_->get("/api/v1/search?q=gouvernement", &status);
    EXPECT_EQ(status, 200) << "another client waited";
    EXPECT_GT(found["total"].get<long>(), 0);
  }
  EXPECT_FALSE(raw.has_data()) << "the 413 came before the other clients were served";
  std::string response = raw.read_all();
  EXPECT_EQ(status_of(response), 413) << response.substr(0, 200);
  EXPECT_NE(response.find("the request body is over the limit"), std::string::npos) << response.substr(0, 300);
}

// A client that sends its request a byte at a time holds a worker while
// other clients are served: searches are answered between its bytes, while
// its request is incomplete, and it is answered once it is whole. (Each
// search must answer before the next byte goes: no clock, the order tells.)
TEST_F(ServiceBadInputs, SlowClientDoesNotHoldUpOthers) {
  RawSocket slow(port_);
  ASSERT_TRUE(slow.connected());
  const std::string request = "GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  int answered = 0;
  for (size_t i = 0; i < request.size(); ++i) {
    ASSERT_TRUE(slow.send_all(request.substr(i, 1))) << "byte " << i;
    if (i % 8 != 0 || i + 1 == request.size()) continue;
    auto res = service_->client().Get("/api/v1/search?q=gouvernement");
    ASSERT_TRUE(res) << "no answer while the slow request was at byte " << i;
    EXPECT_EQ(res->status, 200);
    ++answered;
  }
  EXPECT_EQ(answered, static_cast<int>((request.size() - 2) / 8 + 1));
  std::string response = slow.read_all();
  EXPECT_EQ(status_of(response), 200) << response.substr(0, 200);
}

TEST_F(ServiceBadInputs, DotDotInStaticPathsStaysInWeb) {
  for (const char* path : {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/%2E%2E/CMakeLists.txt",
                           "/..%2fCMakeLists.txt", "/%2e%2e%2fCMakeLists.txt", "/./../README.md",
                           "/css/../../README.md", "/..\\CMakeLists.txt", "/%2e%2e%5cCMakeLists.txt"}) {
    RawSocket raw(port_);
    ASSERT_TRUE(raw.connected());
    raw.send_all(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string response = raw.read_all();
    EXPECT_NE(status_of(response), 200) << path;
    EXPECT_EQ(response.find("cmake_minimum_required"), std::string::npos) << path << " served a file outside web/";
    EXPECT_EQ(response.find("# Gazette"), std::string::npos) << path << " served a file outside web/";
  }
}

TEST_F(ServiceBadInputs, HeadOptionsAndUnknownMethods) {
  auto client = service_->client();
  auto head = client.Head("/api/v1/healthz");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  auto options = client.Options("/api/v1/search");
  ASSERT_TRUE(options);
  EXPECT_TRUE(options->status == 204 || options->status == 404 || options->status == 405) << options->status;
  if (options->status >= 400) {
    EXPECT_NE(options->body.find("OPTIONS /api/v1/search"), std::string::npos) << options->body;
  }
  auto put = client.Put("/api/v1/articles/x", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 404);
  EXPECT_NE(put->body.find("no such route: PUT /api/v1/articles/x"), std::string::npos) << put->body;
  RawSocket raw(port_);
  raw.send_all("BREW /api/v1/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(raw.read_all()), 400);
}

TEST_F(ServiceBadInputs, GarbageAndOversizedHeaders) {
  {
    RawSocket raw(port_);
    raw.send_all(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n", 24));
    std::string response = raw.read_all();
    EXPECT_TRUE(response.empty() || status_of(response) == 400) << response.substr(0, 100);
  }
  {
    RawSocket raw(port_);
    raw.send_all("GET /api/v1/healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100000, 'a') +
                 "\r\nConnection: close\r\n\r\n");
    std::string response = raw.read_all();
    EXPECT_TRUE(response.empty() || status_of(response) >= 400) << response.substr(0, 100);
  }
}

TEST_F(ServiceBadInputs, HostileQueries) {
  const std::string queries[] = {std::string(340, '(') + "a" + std::string(340, ')'),
                                 std::string(1000, '"'),
                                 "NOT NOT NOT",
                                 "-",
                                 "a..b..c",
                                 "date:..",
                                 "titre:",
                                 "section:\"\"",
                                 std::string(200, '*')};
  for (const std::string& q : queries) {
    int status = 0;
    json r =
        service_->get("/api/v1/search?q=" + httplib::detail::encode_query_param(q) + "&facets=section,date", &status);
    EXPECT_TRUE(status == 200 || status == 400)
        << q.substr(0, 40) << " -> " << status << " " << r.dump().substr(0, 200);
    if (status == 400) {
      EXPECT_EQ(r["error"]["code"], "bad_query") << q.substr(0, 40);
    }
  }
}

TEST_F(ServiceBadInputs, NoCorsHeadersUnlessAnOriginIsAllowed) {
  auto client = service_->client();
  auto res = client.Get("/api/v1/healthz", {{"Origin", "https://elsewhere.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
}

TEST(ServiceCors, AnswersOnlyTheAllowedOriginsOnTheApi) {
  const std::string allowed = "https://archives.example";
  test::RunningService service(test::CorpusSlice::committed().db, kToken, {allowed});
  auto client = service.client();
  auto res = client.Get("/api/v1/search?q=gouvernement", {{"Origin", allowed}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), allowed);
  EXPECT_EQ(res->get_header_value("Vary"), "Origin");

  res = client.Get("/api/v1/search?q=gouvernement", {{"Origin", "https://elsewhere.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));

  // The page itself is never shared with other origins.
  res = client.Get("/", {{"Origin", allowed}});
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));

  // The preflight of a cross-origin write: allowed, but the write itself
  // still needs the token.
  res = client.Options("/api/v1/articles", {{"Origin", allowed}, {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), allowed);
  EXPECT_NE(res->get_header_value("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_NE(res->get_header_value("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  res = client.Post("/api/v1/articles", {{"Origin", allowed}}, "{}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

}  // namespace
}  // namespace gazette
