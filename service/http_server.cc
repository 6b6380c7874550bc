#include "service/http_server.h"

#include <algorithm>
#include <memory>
#include <thread>

namespace gazette {

namespace {

// cpp-httplib's default socket options add SO_REUSEPORT, with which a second
// server on a port in use starts, and the kernel then shares the connections
// between the two (each maybe over another index). Only SO_REUSEADDR (a
// restart may reuse the port at once): a second server fails to listen and
// says so.
void reuse_address_only(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
}

}  // namespace

unsigned default_worker_threads() { return std::max(16u, std::thread::hardware_concurrency() * 4); }

void set_connection_limits(httplib::Server& server, size_t max_body_bytes) {
  server.set_payload_max_length(max_body_bytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  // Each open keep-alive connection holds a worker thread: keep them short.
  server.set_keep_alive_timeout(2);
  // An answer is written in two sends (headers, body): with Nagle's
  // algorithm the second waits for the client's delayed ACK, about 40 ms on
  // every keep-alive request.
  server.set_tcp_nodelay(true);
  server.set_socket_options(reuse_address_only);
}

int bind_server(httplib::Server& server, const std::string& host, int port) {
  // cpp-httplib listens with a queue of 5 connections not yet accepted
  // (CPPHTTPLIB_LISTEN_BACKLOG, compiled into Debian's library). wrk's 64
  // keep-alive connections, which cpp-httplib closes every 5 requests,
  // overflowed it: 5 to 163 times in 25 s (TcpExtListenOverflows). The
  // kernel drops such a connection and the client's TCP sends it again a
  // second later: requests of 1.9 s, and wrk's timeouts at 2 s. Linux takes
  // a new length from a second listen() on the socket.
  auto bound = std::make_shared<socket_t>(INVALID_SOCKET);
  server.set_socket_options([bound](socket_t sock) {
    reuse_address_only(sock);
    *bound = sock;
  });
  if (port == 0)
    port = server.bind_to_any_port(host);
  else if (!server.bind_to_port(host, port))
    return -1;
  if (port < 0 || ::listen(*bound, kListenBacklog) != 0) return -1;
  return port;
}

}  // namespace gazette
