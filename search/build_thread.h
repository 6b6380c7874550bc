// A thread that lives as long as its owner and runs the tasks given to it,
// one at a time, in order (RevisionCache's builds).
//
// Why not the caller's thread: glibc's malloc serves each thread from an
// arena, and a block freed goes back to the arena it came from, which keeps
// it for later allocations there instead of giving it back to the system. A
// revision's copy (the facet columns: 16-19 MB in a few large arrays) built
// by whichever worker asked came from that worker's arena, so that under a
// stream of writes each of the service's 16 workers' arenas held a copy's
// worth of free memory: 300-440 MB resident, of which 67 MB in use. Built on
// one thread, the copies come from one arena, which reuses what the last
// one freed.
//
// Thread-safe. The destructor runs the tasks already given, then joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace gazette {

class BuildThread {
 public:
  BuildThread() = default;
  BuildThread(const BuildThread&) = delete;
  BuildThread& operator=(const BuildThread&) = delete;
  ~BuildThread() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    given_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  // Runs `task` on the thread after the tasks given before; returns at once.
  // `task` must not throw.
  // Throws std::system_error, with nothing queued, when the thread cannot
  // be started.
  void post(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // Started at the first task, before the task is queued.
      if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
      tasks_.push_back(std::move(task));
    }
    given_.notify_one();
  }

  // Runs `task` on the thread and waits for it: what it returns, or what it
  // throws, thrown again here. The caller's objects that `task` reads are
  // then read by one thread at a time (a Xapian handle, say). Not to be
  // called from a task: it would wait for itself.
  template <typename F>
  auto run_and_wait(F task) -> decltype(task()) {
    // Shared: the thread may still be leaving the task when its result is
    // ready and the caller's frame is gone.
    auto packaged = std::make_shared<std::packaged_task<decltype(task())()>>(std::move(task));
    auto result = packaged->get_future();
    post([packaged] { (*packaged)(); });
    return result.get();
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      given_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, and all run
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      task = nullptr;  // what it holds, freed outside the lock
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable given_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gazette
