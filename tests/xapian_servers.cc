#include "xapian_servers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <xapian.h>

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

TcpServer::TcpServer(const std::string& folder, bool writable, std::vector<std::string> env) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    std::vector<std::string> argv = {kXapianTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(port_)};
    if (writable) argv.push_back("--writable");
    argv.push_back(folder);
    process_ = std::make_unique<ChildProcess>(argv, env);
    for (int wait = 0; wait < 400; ++wait) {  // up to 20 s, for a loaded machine
      try {
        // A writable server serves one writer at a time: this one goes at once.
        if (writable)
          Xapian::Remote::open_writable("127.0.0.1", port_, 1000, 1000);
        else
          Xapian::Remote::open("127.0.0.1", port_, 1000, 1000);
        return;
      } catch (const Xapian::NetworkError&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  }
  ADD_FAILURE() << "xapian-tcpsrv did not start over " << folder;
}

}  // namespace gazette::test
