#include "ingest/jetstream.h"

#include <mutex>

#include <atomic>

#include <fmt/format.h>
#include <nats/nats.h>

#include <chrono>
#include <thread>

#include "common/crypto.h"
#include "common/log.h"

namespace dandelion::ingest {
namespace {

std::string Why(natsStatus s, jsErrCode code = static_cast<jsErrCode>(0)) {
  std::string out = natsStatus_GetText(s);
  // The library's own words for the last error on this thread, when it has any.
  natsStatus last = NATS_OK;
  if (const char* text = nats_GetLastError(&last); text != nullptr && *text != '\0') {
    out += std::string(": ") + text;
  }
  if (code != 0) out += fmt::format(" (JetStream error {})", static_cast<int>(code));
  return out;
}

}  // namespace

struct JetStream::Impl {
  JetStreamOptions options;
  natsConnection* nc = nullptr;
  jsCtx* js = nullptr;
  // One Publish at a time: the acknowledgements of its asynchronous
  // publishes are counted here, by OnPublishAck on the library's thread.
  std::mutex publishing;
  std::atomic<int64_t> acked{0}, duplicates{0}, failed{0};
  std::mutex error_mu;
  std::string first_error;

  static void OnPublishAck(jsCtx*, natsMsg* msg, jsPubAck* pa, jsPubAckErr* pae, void* closure) {
    auto* self = static_cast<Impl*>(closure);
    if (pa != nullptr) {
      if (pa->Duplicate) ++self->duplicates;
      ++self->acked;
    } else {
      std::lock_guard lock(self->error_mu);
      if (self->first_error.empty() && pae != nullptr) {
        self->first_error = std::string(natsStatus_GetText(pae->Err)) +
                            (pae->ErrText != nullptr ? std::string(": ") + pae->ErrText : "") +
                            fmt::format(" (JetStream error {})", static_cast<int>(pae->ErrCode));
      }
      ++self->failed;
    }
    natsMsg_Destroy(msg);
  }

  ~Impl() {
    if (js != nullptr) jsCtx_Destroy(js);
    if (nc != nullptr) natsConnection_Destroy(nc);
  }

  // The stream, made when missing: file storage, every subject of ours,
  // publish de-duplication over the window.
  Status EnsureStream() {
    jsStreamInfo* si = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    natsStatus s = js_GetStreamInfo(&si, js, options.stream.c_str(), nullptr, &code);
    if (s == NATS_OK) {
      jsStreamInfo_Destroy(si);
      return Status::Ok();
    }
    if (s != NATS_NOT_FOUND && code != JSStreamNotFoundErr) {
      return Unavailable("cannot read the stream " + options.stream + ": " + Why(s, code));
    }
    jsStreamConfig cfg;
    jsStreamConfig_Init(&cfg);
    cfg.Name = options.stream.c_str();
    const char* subjects[] = {options.subjects.c_str()};
    cfg.Subjects = subjects;
    cfg.SubjectsLen = 1;
    cfg.Storage = js_FileStorage;
    cfg.Duplicates = options.duplicate_window_ms * 1'000'000;  // nanoseconds
    s = js_AddStream(&si, js, &cfg, nullptr, &code);
    if (s != NATS_OK) {
      return Unavailable("cannot make the stream " + options.stream + ": " + Why(s, code));
    }
    jsStreamInfo_Destroy(si);
    return Status::Ok();
  }
};

JetStream::JetStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JetStream::~JetStream() = default;

Result<std::unique_ptr<JetStream>> JetStream::Connect(const JetStreamOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  natsOptions* opts = nullptr;
  if (natsOptions_Create(&opts) != NATS_OK) return Internal("cannot make NATS options");
  natsOptions_SetURL(opts, options.url.c_str());
  // The server may go away for a while: reconnect for as long as it takes.
  natsOptions_SetAllowReconnect(opts, true);
  natsOptions_SetMaxReconnect(opts, -1);
  natsOptions_SetReconnectWait(opts, 500);
  natsStatus s = natsConnection_Connect(&impl->nc, opts);
  natsOptions_Destroy(opts);
  if (s != NATS_OK) {
    return Unavailable(fmt::format("cannot reach NATS at {}: {}", options.url, Why(s)));
  }
  jsOptions jo;
  jsOptions_Init(&jo);
  jo.Wait = 10'000;
  // Publishes go out without waiting for each acknowledgement (a window of
  // them in flight); Publish waits for all of its own at the end.
  jo.PublishAsync.AckHandler = &Impl::OnPublishAck;
  jo.PublishAsync.AckHandlerClosure = impl.get();
  jo.PublishAsync.MaxPending = 4096;
  jo.PublishAsync.StallWait = 10'000;  // a full window waits this long for room
  s = natsConnection_JetStream(&impl->js, impl->nc, &jo);
  if (s != NATS_OK) return Unavailable("NATS at " + options.url + " has no JetStream: " + Why(s));
  DND_RETURN_IF_ERROR(impl->EnsureStream());
  return std::unique_ptr<JetStream>(new JetStream(std::move(impl)));
}

bool JetStream::connected() const {
  return natsConnection_Status(impl_->nc) == NATS_CONN_STATUS_CONNECTED;
}

Result<int64_t> JetStream::Publish(const std::vector<std::string_view>& lines) {
  std::lock_guard one_at_a_time(impl_->publishing);
  impl_->acked = 0;
  impl_->duplicates = 0;
  impl_->failed = 0;
  {
    std::lock_guard lock(impl_->error_mu);
    impl_->first_error.clear();
  }
  int64_t sent = 0;
  for (std::string_view line : lines) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
    jsPubOptions po;
    jsPubOptions_Init(&po);
    const std::string id = Sha256Hex(line);
    po.MsgId = id.c_str();
    natsStatus s = js_PublishAsync(impl_->js, impl_->options.publish_subject.c_str(), line.data(),
                                   static_cast<int>(line.size()), &po);
    if (s != NATS_OK) {
      // What was sent before still gets its acknowledgement (or not).
      jsPubOptions wait;
      jsPubOptions_Init(&wait);
      wait.MaxWait = 10'000;
      (void)js_PublishAsyncComplete(impl_->js, &wait);
      return Unavailable(fmt::format("the stream did not take a post ({} of {} taken): {}",
                                     impl_->acked.load() - impl_->duplicates.load(),
                                     lines.size(), Why(s)));
    }
    ++sent;
  }
  jsPubOptions wait;
  jsPubOptions_Init(&wait);
  wait.MaxWait = 30'000;
  natsStatus s = js_PublishAsyncComplete(impl_->js, &wait);
  const int64_t fresh = impl_->acked.load() - impl_->duplicates.load();
  if (s != NATS_OK || impl_->failed.load() > 0 || impl_->acked.load() != sent) {
    std::string why;
    {
      std::lock_guard lock(impl_->error_mu);
      why = impl_->first_error;
    }
    if (why.empty()) why = s != NATS_OK ? Why(s) : "not every post was acknowledged";
    return Unavailable(fmt::format("the stream did not take every post ({} of {} taken): {}",
                                   impl_->acked.load(), sent, why));
  }
  return fresh;
}

Result<PublishReceipt> JetStream::PublishLines(const std::vector<std::string_view>& lines) {
  PublishReceipt r;
  for (std::string_view line : lines) {
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++r.lines;
  }
  DND_ASSIGN_OR_RETURN(r.published, Publish(lines));
  r.repeated = r.lines - r.published;
  return r;
}

namespace {

// The messages of one fetch, kept until their batch is committed (the
// lines point into them) and freed with the last copy of the batch.
struct Fetched {
  natsMsgList list{nullptr, 0};
  ~Fetched() { natsMsgList_Destroy(&list); }
};

class ConsumerSource : public Source {
 public:
  ConsumerSource(JetStream::Impl& js, natsSubscription* sub, const std::atomic<bool>& stop)
      : js_(js), sub_(sub), stop_(stop) {}
  ~ConsumerSource() override { natsSubscription_Destroy(sub_); }

  Result<std::optional<SourceBatch>> Next(size_t max_lines, size_t) override {
    if (stop_.load()) return std::optional<SourceBatch>();
    auto fetched = std::make_shared<Fetched>();
    jsErrCode code = static_cast<jsErrCode>(0);
    natsStatus s = natsSubscription_Fetch(&fetched->list, sub_, static_cast<int>(max_lines),
                                          js_.options.fetch_wait_ms, &code);
    SourceBatch b;
    b.origin = js_.options.stream;
    if (s == NATS_TIMEOUT) return std::optional<SourceBatch>(std::move(b));  // quiet
    if (s != NATS_OK) {
      // The server is away: wait a little, and let the caller try again.
      if (!warned_) LogWarn("stream: cannot fetch from NATS: " + Why(s, code) + "; retrying");
      warned_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      return std::optional<SourceBatch>(std::move(b));
    }
    if (warned_) LogInfo("stream: fetching from NATS again");
    warned_ = false;
    for (int i = 0; i < fetched->list.Count; ++i) {
      natsMsg* m = fetched->list.Msgs[i];
      std::string_view data(natsMsg_GetData(m), static_cast<size_t>(natsMsg_GetDataLength(m)));
      jsMsgMetaData* meta = nullptr;
      int64_t seq = 0;
      uint64_t delivered = 1;
      if (natsMsg_GetMetaData(&meta, m) == NATS_OK) {
        seq = static_cast<int64_t>(meta->Sequence.Stream);
        delivered = meta->NumDelivered;
        jsMsgMetaData_Destroy(meta);
      }
      if (delivered > static_cast<uint64_t>(js_.options.max_deliveries)) {
        // Delivered again and again and never stored: set aside, so that
        // it cannot hold up the stream.
        b.refused.push_back({seq, data, "redelivered",
                             fmt::format("delivered {} times without being stored", delivered)});
      } else {
        b.lines.push_back(data);
        b.numbers.push_back(seq);
      }
    }
    b.committed = [fetched] {
      for (int i = 0; i < fetched->list.Count; ++i) natsMsg_Ack(fetched->list.Msgs[i], nullptr);
    };
    b.in_progress = [fetched] {
      for (int i = 0; i < fetched->list.Count; ++i) {
        natsMsg_InProgress(fetched->list.Msgs[i], nullptr);
      }
    };
    return std::optional<SourceBatch>(std::move(b));
  }

 private:
  JetStream::Impl& js_;
  natsSubscription* sub_;
  const std::atomic<bool>& stop_;
  bool warned_ = false;
};

}  // namespace

Result<std::unique_ptr<Source>> JetStream::Consume(const std::atomic<bool>& stop) {
  // The durable consumer is made here, not by the subscription: one the
  // subscription made would be deleted with it, and with it the record of
  // what was delivered and acknowledged.
  const JetStreamOptions& o = impl_->options;
  jsConsumerInfo* ci = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_GetConsumerInfo(&ci, impl_->js, o.stream.c_str(), o.durable.c_str(), nullptr,
                                    &code);
  if (s == NATS_NOT_FOUND || code == JSConsumerNotFoundErr) {
    jsConsumerConfig cc;
    jsConsumerConfig_Init(&cc);
    cc.Durable = o.durable.c_str();
    cc.AckPolicy = js_AckExplicit;
    cc.AckWait = o.ack_wait_ms * 1'000'000;  // nanoseconds
    cc.MaxDeliver = -1;  // poison is set aside here (max_deliveries), never dropped
    cc.MaxAckPending = 100'000;
    cc.FilterSubject = o.subjects.c_str();
    code = static_cast<jsErrCode>(0);
    s = js_AddConsumer(&ci, impl_->js, o.stream.c_str(), &cc, nullptr, &code);
  }
  if (s != NATS_OK) return Unavailable("cannot make the consumer " + o.durable + ": " + Why(s, code));
  jsConsumerInfo_Destroy(ci);
  jsSubOptions so;
  jsSubOptions_Init(&so);
  so.Stream = o.stream.c_str();
  so.Consumer = o.durable.c_str();
  natsSubscription* sub = nullptr;
  code = static_cast<jsErrCode>(0);
  s = js_PullSubscribe(&sub, impl_->js, o.subjects.c_str(), o.durable.c_str(), nullptr, &so,
                       &code);
  if (s != NATS_OK) {
    return Unavailable("cannot consume the stream " + impl_->options.stream + ": " + Why(s, code));
  }
  return std::unique_ptr<Source>(new ConsumerSource(*impl_, sub, stop));
}

Result<std::pair<int64_t, int64_t>> JetStream::ConsumerLag() {
  jsConsumerInfo* ci = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  natsStatus s = js_GetConsumerInfo(&ci, impl_->js, impl_->options.stream.c_str(),
                                    impl_->options.durable.c_str(), nullptr, &code);
  if (s != NATS_OK) return Unavailable("cannot read the consumer: " + Why(s, code));
  std::pair<int64_t, int64_t> lag{static_cast<int64_t>(ci->NumPending), ci->NumAckPending};
  jsConsumerInfo_Destroy(ci);
  return lag;
}

}  // namespace dandelion::ingest
