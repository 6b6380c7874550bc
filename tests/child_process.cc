#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>
#include <utility>

extern char** environ;

namespace gazette::test {
namespace {

int decode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status); }

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, std::vector<std::string> env, const std::string& log) {
  std::vector<std::string> environment(std::move(env));
  for (char** e = environ; *e; ++e) environment.emplace_back(*e);
  // Everything the child needs is made before fork: after it, only
  // async-signal-safe calls (the parent may have threads).
  std::vector<char*> args, envp;
  for (auto& a : argv) args.push_back(a.data());
  for (auto& e : environment) envp.push_back(e.data());
  args.push_back(nullptr);
  envp.push_back(nullptr);
  const char* output = log.empty() ? "/dev/null" : log.c_str();
  const std::string cannot_start = "cannot start " + argv[0] + "\n";
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    int fd = open(output, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      if (!log.empty()) dup2(fd, STDERR_FILENO);
    }
    execve(args[0], args.data(), envp.data());
    ssize_t ignored = write(STDERR_FILENO, cannot_start.data(), cannot_start.size());
    (void)ignored;
    _exit(127);
  }
  if (pid_ > 0)
    setpgid(pid_, pid_);  // also here, so that kill() cannot race the child
  else
    status_ = 127;
}

void ChildProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  wait();
}

void ChildProcess::pause() {
  if (pid_ > 0) ::kill(-pid_, SIGSTOP);
}

void ChildProcess::resume() {
  if (pid_ > 0) ::kill(-pid_, SIGCONT);
}

int ChildProcess::wait() {
  if (pid_ > 0) {
    int status = 0;
    waitpid(pid_, &status, 0);
    status_ = decode(status);
    pid_ = -1;
  }
  return status_;
}

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (auto status = poll()) return status;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::optional<int> ChildProcess::poll() {
  if (pid_ > 0) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
    status_ = decode(status);
    pid_ = -1;
  }
  return status_;
}

}  // namespace gazette::test
