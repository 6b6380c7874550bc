// The HTTP server's connection settings, shared by gazette-serve and the
// floor under its throughput (bench/floor_serve.cc): worker threads,
// timeouts, keep-alive, and how the server binds and listens. Each function
// sets up a cpp-httplib Server before it serves, from one thread.
#pragma once

#include <cstddef>
#include <string>

#include <httplib.h>

namespace gazette {

// gazette-serve's worker threads, unless told otherwise: a browser keeps
// about six connections open, each holding a worker.
unsigned default_worker_threads();
// gazette-serve's connection settings on `server` (Service::install applies
// them): timeouts, short keep-alive, no Nagle, requests of at most
// `max_body_bytes`, and no listening on a port that another server holds.
void set_connection_limits(httplib::Server& server, size_t max_body_bytes);
// The connections a listening server queues until a worker accepts them.
inline constexpr int kListenBacklog = 1024;
// Binds `server` to `host`:`port` (0: a free port) with the socket options
// of set_connection_limits() and a queue of kListenBacklog connections.
// Returns the port, or -1 when it cannot listen there (a port in use, an
// unknown host). listen_after_bind() then serves.
int bind_server(httplib::Server& server, const std::string& host, int port);

}  // namespace gazette
