// A program run as a child process by the tests and test tools (servers,
// imports to kill). It runs in its own process group, so that a kill reaches
// whatever it started; the object kills and reaps it when it goes.
// One thread owns an object: it is not thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace gazette::test {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with argv, and with `env` entries ("NAME=value")
  // added to this process's environment. Standard output and error are
  // appended to the file `log`; without one, output is dropped and errors go
  // where this process's go. A program that cannot be started exits with 127.
  explicit ChildProcess(std::vector<std::string> argv, std::vector<std::string> env = {}, const std::string& log = "");
  ~ChildProcess() { kill(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // SIGKILL to the whole group, then reaped.
  void kill();
  // SIGSTOP / SIGCONT to the whole group: a server that hangs.
  void pause();
  void resume();
  // Waits for the end: the exit code, or minus the signal that ended it.
  // Unbounded: for after kill(); elsewhere use wait_for.
  int wait();
  // The same, waiting at most `timeout`; nothing if it still runs then (the
  // caller decides: kill() it, fail).
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  // The same once it has ended; nothing while it runs.
  std::optional<int> poll();

 private:
  pid_t pid_ = -1;
  int status_ = 0;  // decoded, once reaped
};

}  // namespace gazette::test
