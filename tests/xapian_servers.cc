#include "xapian_servers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <xapian.h>

extern char** environ;

namespace gazette::test {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    ADD_FAILURE() << "no free loopback port";
  close(fd);
  return ntohs(addr.sin_port);
}

ChildProcess::ChildProcess(std::vector<std::string> argv, std::vector<std::string> env) {
  std::vector<std::string> environment(env);
  for (char** e = environ; *e; ++e) environment.emplace_back(*e);
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    std::vector<char*> args, envp;
    for (auto& a : argv) args.push_back(a.data());
    for (auto& e : environment) envp.push_back(e.data());
    args.push_back(nullptr);
    envp.push_back(nullptr);
    // Servers print a line per connection: not for the test log.
    freopen("/dev/null", "w", stdout);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  setpgid(pid_, pid_);  // also here, so that kill() cannot race the child
}

void ChildProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void ChildProcess::pause() { ::kill(-pid_, SIGSTOP); }
void ChildProcess::resume() { ::kill(-pid_, SIGCONT); }

TcpServer::TcpServer(const std::string& folder, bool writable, std::vector<std::string> env) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    std::vector<std::string> argv = {kXapianTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(port_)};
    if (writable) argv.push_back("--writable");
    argv.push_back(folder);
    process_ = std::make_unique<ChildProcess>(argv, env);
    for (int wait = 0; wait < 100; ++wait) {
      try {
        // A writable server serves one writer at a time: this one goes at once.
        if (writable) Xapian::Remote::open_writable("127.0.0.1", port_, 1000, 1000);
        else Xapian::Remote::open("127.0.0.1", port_, 1000, 1000);
        return;
      } catch (const Xapian::NetworkError&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  }
  ADD_FAILURE() << "xapian-tcpsrv did not start over " << folder;
}

}  // namespace gazette::test
