#include "http/server.h"

#include <algorithm>
#include <condition_variable>
#include <future>
#include <mutex>
#include <restinio/all.hpp>
#include <thread>
#include <vector>

#include "common/bounded_pool.h"
#include "http/client_address.h"
#include "http/json_io.h"

namespace dandelion::http {
namespace {

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  // Enables server_settings_t::max_parallel_connections.
  static constexpr bool use_connection_count_limiter = true;
};

std::string ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Status";
  }
}

Request ToRequest(const restinio::request_handle_t& h, const TrustedProxies& proxies) {
  Request r;
  r.method = std::string(h->header().method().c_str());
  std::string_view target = h->header().request_target();
  size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  h->header().for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name(f.name());
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    auto [it, fresh] = r.headers.emplace(name, std::string(f.value()));
    if (!fresh) it->second += (name == "cookie" ? "; " : ", ") + std::string(f.value());
  });
  r.body = h->body();
  // Behind a trusted reverse proxy, the client it names (client_address.h).
  r.remote_ip = ClientAddress(h->remote_endpoint().address().to_string(),
                              r.Header("x-forwarded-for"), proxies);
  return r;
}

void Send(const restinio::request_handle_t& h, Response r) {
  auto resp = h->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(r.status)}, ReasonPhrase(r.status)});
  if (!r.content_type.empty()) {
    resp.append_header(restinio::http_field::content_type, r.content_type);
  }
  for (auto& [k, v] : r.headers) resp.append_header(k, v);
  resp.set_body(std::move(r.body));
  resp.done();
}

class RestinioServer : public Server {
 public:
  RestinioServer(Api& api, const ServerOptions& o) : api_(api), options_(o) {}
  ~RestinioServer() override { Stop(); }

  Status Start() {
    handlers_ = std::make_unique<BoundedPool>(
        BoundedPoolOptions{std::max(1, options_.threads), options_.max_queued_requests, 0});
    try {
      auto settings =
          restinio::server_settings_t<Traits>{}
              .address(options_.address)
              .port(options_.port)
              .incoming_http_msg_limits(
                  restinio::incoming_http_msg_limits_t{}.max_body_size(options_.hard_body_limit))
              .max_parallel_connections(options_.max_connections)
              .read_next_http_message_timelimit(std::chrono::milliseconds(options_.read_timeout_ms))
              .handle_request_timeout(std::chrono::milliseconds(options_.handle_timeout_ms))
              .acceptor_post_bind_hook(
                  [this](asio::ip::tcp::acceptor& a) { bound_port_ = a.local_endpoint().port(); })
              .request_handler([this](restinio::request_handle_t h) {
                // The I/O thread only hands the request over; a handler
                // thread answers it (done() is safe from any thread).
                bool queued = handlers_->TrySubmit(
                    [this, h] { Send(h, api_.Handle(ToRequest(h, options_.trusted_proxies))); });
                if (!queued) {
                  Response busy = ErrorResponse(503, "unavailable",
                                                "the server is busy; try again in a moment");
                  busy.headers.emplace_back("Retry-After", "1");
                  Send(h, std::move(busy));
                }
                return restinio::request_accepted();
              });
      server_ = std::make_unique<restinio::http_server_t<Traits>>(
          restinio::external_io_context(io_), std::move(settings));
      server_->open_sync();
    } catch (const std::exception& e) {
      return Unavailable("cannot listen on " + options_.address + ":" +
                         std::to_string(options_.port) + ": " + e.what());
    }
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
      threads_.emplace_back([this] { io_.run(); });
    }
    return Status::Ok();
  }

  uint16_t port() const override { return bound_port_; }

  void Stop() override {
    std::lock_guard lock(mu_);
    if (stopped_ || !server_) return;
    stopped_ = true;
    if (threads_.empty()) {  // never started: nothing runs the I/O context
      handlers_.reset();
      done_.notify_all();
      return;
    }
    // Stop accepting, let the handlers finish what they hold (their answers
    // still go out: the I/O threads run until after), then stop the I/O.
    std::promise<void> closed;
    asio::post(io_, [this, &closed] {
      try {
        server_->close_sync();
      } catch (...) {
      }
      closed.set_value();
    });
    closed.get_future().wait();
    handlers_.reset();
    asio::post(io_, [this] { io_.stop(); });
    for (auto& t : threads_) t.join();
    threads_.clear();
    // Completions still queued (a write that just finished) hold their
    // connections; run them now, while the server that counts connections
    // is alive: destroyed with the I/O context after it, they would reach
    // into its freed connection limiter.
    io_.restart();
    io_.poll();
    done_.notify_all();
  }

  void Wait() override {
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return stopped_; });
  }

 private:
  Api& api_;
  ServerOptions options_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
  std::unique_ptr<restinio::http_server_t<Traits>> server_;
  std::unique_ptr<BoundedPool> handlers_;
  std::vector<std::thread> threads_;
  uint16_t bound_port_ = 0;
  std::mutex mu_;
  std::condition_variable done_;
  bool stopped_ = false;
};

}  // namespace

Result<std::unique_ptr<Server>> StartServer(Api& api, const ServerOptions& options) {
  auto s = std::make_unique<RestinioServer>(api, options);
  DND_RETURN_IF_ERROR(s->Start());
  return std::unique_ptr<Server>(std::move(s));
}

}  // namespace dandelion::http
