// Folds topic changes back into one compiled set, off the ingest path.
//
// A topic change takes effect at once as a small set of its own
// (TopicRuntime::ReloadTopics), but until the next full compile every
// post is scanned once per set. This thread waits until the topics have
// been quiet for a while (people tend to edit several in a row), then
// compiles them all again and swaps the result in.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/listening/topic_runtime.h"

namespace dandelion::cli {

class TopicCompactor {
 public:
  //! Starts the thread; `quiet` is how long the topics must stay unchanged.
  explicit TopicCompactor(service::TopicRuntime& runtime,
                          std::chrono::milliseconds quiet = std::chrono::seconds(30));
  //! Stops and joins the thread (waits for a compile under way).
  ~TopicCompactor();
  TopicCompactor(const TopicCompactor&) = delete;
  TopicCompactor& operator=(const TopicCompactor&) = delete;

 private:
  void Run();

  service::TopicRuntime& runtime_;
  std::chrono::milliseconds quiet_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dandelion::cli
