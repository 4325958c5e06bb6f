// PasswordWorkers: argon2id hashing and verification on a small pool of
// its own, at a lower CPU priority, with a short queue. Hashing takes tens
// of milliseconds of CPU and 64 MiB by design; run on the threads that
// answer requests, a handful of concurrent logins would stall every other
// request (health checks included). Here a flood of logins waits for a
// worker or is refused at once, and the rest of the server keeps its CPU.
// Thread-safe.
#pragma once

#include <string>

#include "common/bounded_pool.h"
#include "common/crypto.h"
#include "common/status.h"

namespace dandelion::service {

struct PasswordWorkerOptions {
  int threads = 1;
  //! Logins waiting for a worker; more are refused. Each waiting login
  //! holds a request thread, so this stays well below their number.
  size_t max_queued = 4;
};

class PasswordWorkers {
 public:
  explicit PasswordWorkers(PasswordWorkerOptions options = {});

  //! Whether `password` matches `encoded`. ResourceExhausted when every
  //! worker is busy and the queue is full.
  Result<bool> Verify(const std::string& encoded, const std::string& password);
  //! A fresh argon2id hash. ResourceExhausted as above; Internal when out of
  //! memory.
  Result<std::string> Hash(const std::string& password, PasswordCost cost);

 private:
  BoundedPool pool_;
};

}  // namespace dandelion::service
