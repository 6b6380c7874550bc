// The HTTP API's other reads over a real loopback server, on the committed
// fixture: an article, suggestions, stats, health and metrics, the errors that
// name a bad request's problem, and the OpenAPI description.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "service/http_server.h"
#include "service_suite.h"

namespace gazette {
namespace {

using nlohmann::json;
using test::encode;
using test::ServiceTest;

TEST_F(ServiceTest, ArticleSuggestStatsHealthAndMetrics) {
  const Article& a = slice().articles[0];
  ASSERT_EQ(a.id, "wn-43971");
  json article = get("/api/v1/articles/" + a.id);
  EXPECT_EQ(article["title"], "États-Unis : Lancement réussi pour Space X Dragon");
  EXPECT_EQ(article["title"], a.title);
  EXPECT_EQ(article["body"], a.body);
  json missing = get("/api/v1/articles/nope", 404);
  EXPECT_EQ(missing["error"]["code"], "not_found");

  json s = get("/api/v1/suggest?q=Oba");
  ASSERT_FALSE(s["completions"].empty());
  ASSERT_FALSE(s["entities"].empty());
  EXPECT_EQ(s["entities"][0]["id"], "p:barack-obama");
  EXPECT_EQ(s["completions"][0]["query"].get<std::string>().rfind("oba", 0), 0u);
  ASSERT_FALSE(s["titles"].empty());

  json stats = get("/api/v1/stats");
  long by_source = 0;
  for (const auto& [k, v] : stats["by_source"].items()) by_source += v.get<long>();
  EXPECT_EQ(by_source, stats["articles"].get<long>());
  EXPECT_EQ(stats["articles"].get<size_t>(), test::kFixtureArticles);
  EXPECT_EQ(get("/api/v1/healthz")["status"], "ok");

  auto res = service_->client().Get("/api/v1/metrics");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("gazette_http_requests_total{route=\"/api/v1/stats\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(res->body.find("gazette_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(ServiceTest, BadRequestsGetErrorsThatNameTheProblem) {
  struct Case {
    std::string path;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"/api/v1/search?qq=x", 400, "unknown parameter 'qq'"},
      {"/api/v1/search?size=0", 400, "parameter 'size'"},
      {"/api/v1/search?size=1000", 400, "parameter 'size'"},
      {"/api/v1/search?size=-5", 400, "parameter 'size'"},
      {"/api/v1/search?page=abc", 400, "parameter 'page'"},
      {"/api/v1/search?page=999999999", 400, "parameter 'page'"},
      {"/api/v1/search?from=hier", 400, "parameter 'from'"},
      {"/api/v1/search?from=2022&to=2021", 400, "is after 'to'"},
      {"/api/v1/search?sort=pertinence", 400, "parameter 'sort'"},
      {"/api/v1/search?facets=section,couleur", 400, "unknown facet 'couleur'"},
      {"/api/v1/search?date_interval=week", 400, "parameter 'date_interval'"},
      {"/api/v1/search?snippets=6", 400, "parameter 'snippets' must be a whole number from 0 to 5"},
      {"/api/v1/search?cursor=c1.10.deadbeef", 400, "not a cursor of this search"},
      {"/api/v1/search?cursor=x&page=2", 400, "cannot be combined"},
      {"/api/v1/search?q=%C3%28", 400, "not valid UTF-8"},
      {"/api/v1/search?q=" + std::string(2000, 'a'), 400, "the limit is 1024"},
      {"/api/v1/search?q=(guerre&strict=true", 400, "unmatched '('"},
      {"/api/v1/search?q=guerre&strict=oui", 400, "parameter 'strict'"},
      {"/api/v1/search?q=x&q=y", 400, "given 2 times"},
      {"/api/v1/articles/x/related?size=0", 400, "parameter 'size'"},
      {"/api/v1/nothing-here", 404, "no such route"},
  };
  for (const auto& c : cases) {
    json body = get(c.path, c.status);
    ASSERT_TRUE(body.contains("error")) << c.path;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(c.says), std::string::npos)
        << c.path << " -> " << body["error"]["message"];
  }
  std::string many_sections;
  for (int i = 0; i < 150; ++i) many_sections += "&section=s" + std::to_string(i);
  EXPECT_NE(
      get("/api/v1/search?q=x" + many_sections, 400)["error"]["message"].get<std::string>().find("the limit is 100"),
      std::string::npos);
  // A cursor is tied to its search: another query cannot reuse it.
  json page = get("/api/v1/search?q=france&size=10");
  ASSERT_TRUE(page["next_cursor"].is_string());
  get("/api/v1/search?q=guerre&size=10&cursor=" + encode(page["next_cursor"]), 400);
  // The service still answers.
  EXPECT_EQ(get("/api/v1/healthz")["status"], "ok");
}

// What a reader types never fails: the API searches what is left and says
// what it left out (strict=true asks for the 400 instead, above).
TEST_F(ServiceTest, AnUnfinishedOperatorIsLeftOutWithANotice) {
  json lenient = get("/api/v1/search?q=guerre%20OR", 200);
  json plain = get("/api/v1/search?q=guerre", 200);
  EXPECT_EQ(lenient["total"], plain["total"]);
  EXPECT_GT(plain["total"].get<int>(), 0);
  EXPECT_EQ(lenient["notice"], "« OR » ignoré : la recherche porte sur le reste de la requête.");
  EXPECT_FALSE(plain.contains("notice"));
  json bracket = get("/api/v1/search?q=(guerre", 200);
  EXPECT_EQ(bracket["total"], plain["total"]);
  EXPECT_EQ(bracket["notice"], "« ( » ignoré : la recherche porte sur le reste de la requête.");
}

TEST_F(ServiceTest, OpenApiDescribesEveryRouteAndParameter) {
  json doc = get("/api/v1/openapi.json");
  ASSERT_TRUE(doc.contains("paths"));
  for (const RouteSpec& route : Service::route_specs()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    ASSERT_TRUE(doc["paths"].contains(route.path)) << route.path;
    ASSERT_TRUE(doc["paths"][route.path].contains(method)) << route.method << " " << route.path;
    std::set<std::string> documented;
    for (const auto& p : doc["paths"][route.path][method].value("parameters", json::array()))
      if (p["in"] == "query") documented.insert(p["name"]);
    std::set<std::string> in_code(route.params.begin(), route.params.end());
    EXPECT_EQ(documented, in_code) << route.method << " " << route.path;
  }
  std::set<std::string> paths;
  for (const RouteSpec& route : Service::route_specs()) paths.insert(route.path);
  EXPECT_EQ(doc["paths"].size(), paths.size()) << "the description has routes the code does not serve";
}

// A second service on a port in use fails to listen: cpp-httplib's default
// SO_REUSEPORT would let it start and answer half the connections.
TEST(ConnectionLimits, ASecondServerOnAPortInUseFailsToListen) {
  httplib::Server first, second;
  set_connection_limits(first, ServiceConfig{}.max_body_bytes);
  set_connection_limits(second, ServiceConfig{}.max_body_bytes);
  const int port = first.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  EXPECT_FALSE(second.bind_to_port("127.0.0.1", port));
}

// A burst of new connections waits for the workers in the listening
// socket's queue. In cpp-httplib's queue of 5, the kernel dropped those
// beyond it, and each client's TCP sent its connection again a second later
// (under wrk's 64 connections: requests of 1.9 s, and timeouts). Nothing
// accepts here, so every connection that completes is one the queue holds.
TEST(ConnectionLimits, ABurstOfConnectionsWaitsInTheListeningQueue) {
  httplib::Server server;
  set_connection_limits(server, ServiceConfig{}.max_body_bytes);
  const int port = bind_server(server, "127.0.0.1", 0);
  ASSERT_GT(port, 0);
  constexpr int kClients = 64;
  static_assert(kClients < kListenBacklog);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::vector<pollfd> clients;
  for (int i = 0; i < kClients; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ASSERT_GE(fd, 0);
    const int started = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ASSERT_TRUE(started == 0 || errno == EINPROGRESS) << std::strerror(errno);
    clients.push_back({fd, POLLOUT, 0});
  }
  // On loopback a queued connection completes at once; a dropped one would
  // wait past this for its second try, which the full queue drops again.
  std::vector<pollfd> waiting = clients;
  int connected = 0;
  for (int round = 0; round < 50 && !waiting.empty(); ++round) {
    if (poll(waiting.data(), waiting.size(), 100) <= 0) continue;
    std::erase_if(waiting, [&connected](const pollfd& client) {
      if (!client.revents) return false;
      int error = 0;
      socklen_t size = sizeof error;
      connected += getsockopt(client.fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && !error;
      return true;
    });
  }
  EXPECT_EQ(connected, kClients);
  for (const pollfd& client : clients) close(client.fd);
}

}  // namespace
}  // namespace gazette
