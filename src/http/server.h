// Server: serves an Api over HTTP/1.1 on a pool of threads. The only file
// that includes the server library (RESTinio), so that the rest of the code
// compiles fast and could move to another server.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "http/api.h"

namespace dandelion::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  //!< 0: any free port (see Server::port())
  int threads = 4;
  //! Bodies above this are refused by the parser itself; Api refuses
  //! smaller ones above its own limit with a 413 and a JSON body.
  size_t hard_body_limit = 32 << 20;
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
