// Xapian's own servers on loopback ports, for the cluster tests:
// xapian-tcpsrv over a folder (read-only or --writable); xapian-replicate-server
// and xapian-replicate run as plain ChildProcesses.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "child_process.h"

namespace gazette::test {

inline constexpr char kXapianTcpsrv[] = "/usr/bin/xapian-tcpsrv";

#define GAZETTE_SKIP_IF_NO_XAPIAN_TOOLS()                       \
  if (!std::filesystem::exists(::gazette::test::kXapianTcpsrv)) \
  GTEST_SKIP() << ::gazette::test::kXapianTcpsrv << " not found (Debian package xapian-tools): cluster tests need it"

// A port nobody listens on now, on 127.0.0.1.
int free_port();

// xapian-tcpsrv over `folder` on a free loopback port, answering once the
// constructor returns.
class TcpServer {
 public:
  TcpServer(const std::string& folder, bool writable, std::vector<std::string> env = {});
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  ChildProcess& process() { return *process_; }

 private:
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace gazette::test
