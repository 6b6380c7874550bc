// Xapian's own servers as child processes on loopback ports, for the cluster
// tests: xapian-tcpsrv over a folder (read-only or --writable), and
// xapian-replicate-server / xapian-replicate. Each child runs in its own
// process group and is killed with its children when its object goes.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace gazette::test {

inline constexpr char kXapianTcpsrv[] = "/usr/bin/xapian-tcpsrv";

#define GAZETTE_SKIP_IF_NO_XAPIAN_TOOLS()                                         \
  if (!std::filesystem::exists(::gazette::test::kXapianTcpsrv))                    \
  GTEST_SKIP() << ::gazette::test::kXapianTcpsrv                                  \
               << " not found (Debian package xapian-tools): cluster tests need it"

// A port nobody listens on now, on 127.0.0.1.
int free_port();

class ChildProcess {
 public:
  // Starts `argv` with extra `env` entries ("NAME=value").
  explicit ChildProcess(std::vector<std::string> argv, std::vector<std::string> env = {});
  ~ChildProcess() { kill(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // SIGKILL to the whole group, then reaped.
  void kill();
  // SIGSTOP / SIGCONT to the whole group: a server that hangs.
  void pause();
  void resume();

 private:
  pid_t pid_ = -1;
};

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
