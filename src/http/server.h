// Server: serves an Api over HTTP/1.1. A few I/O threads read and write
// the connections; the requests themselves run on a bounded pool of handler
// threads, so a slow request (a big ingest batch, a login waiting for its
// password check) never holds up reading and answering the others. When
// every handler is busy and the queue is full, a request is answered 503 at
// once. The only file that includes the server library (RESTinio), so that
// the rest of the code compiles fast and could move to another server.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "http/api.h"
#include "http/client_address.h"

namespace dandelion::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;              //!< 0: any free port (see Server::port())
  int threads = 16;                  //!< request handler threads
  int io_threads = 2;                //!< connection reading and writing
  size_t max_queued_requests = 256;  //!< waiting for a handler; more get 503
  size_t max_connections = 1024;     //!< open at once; more wait in the backlog
  //! A request's head and body must arrive within this (slow clients).
  int64_t read_timeout_ms = 15'000;
  //! The longest a handler may take before the connection is closed.
  int64_t handle_timeout_ms = 120'000;
  //! Bodies above this are refused by the parser itself, before any
  //! handler or authentication; Api::MaxBodyBytes() (the largest any route
  //! takes) is the right value. Each route's own, smaller limit is checked
  //! by the Api, also before authentication.
  size_t hard_body_limit = 32 << 20;
  //! Reverse proxies whose X-Forwarded-For names the client (none: the
  //! peer is the client). See client_address.h.
  TrustedProxies trusted_proxies;
};

class Server {
 public:
  virtual ~Server() = default;
  //! The port actually bound.
  virtual uint16_t port() const = 0;
  //! Stops accepting, finishes, joins the threads. Idempotent.
  virtual void Stop() = 0;
  //! Blocks until Stop() is called (from another thread or a signal).
  virtual void Wait() = 0;
};

//! Binds and starts serving `api` (which must outlive the server).
//! Unavailable when the address cannot be bound (e.g. port in use).
Result<std::unique_ptr<Server>> StartServer(Api& api, const ServerOptions& options);

}  // namespace dandelion::http
