#include "service/auth/password_workers.h"

#include <future>
#include <memory>

namespace dandelion::service {
namespace {

Status Busy() {
  return Status(Code::kResourceExhausted,
                "the server is busy with other logins; try again in a few seconds");
}

// Runs `fn` on the pool and waits for it; Busy() when the pool is full.
template <typename T, typename Fn>
Result<T> RunOn(BoundedPool& pool, Fn fn) {
  auto done = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> result = done->get_future();
  if (!pool.TrySubmit([done, fn = std::move(fn)] { done->set_value(fn()); })) return Busy();
  return result.get();
}

}  // namespace

PasswordWorkers::PasswordWorkers(PasswordWorkerOptions options)
    : pool_(BoundedPoolOptions{options.threads, options.max_queued, /*nice=*/10}) {}

Result<bool> PasswordWorkers::Verify(const std::string& encoded, const std::string& password) {
  return RunOn<bool>(
      pool_, [&encoded, &password] { return Result<bool>(VerifyPassword(encoded, password)); });
}

Result<std::string> PasswordWorkers::Hash(const std::string& password, PasswordCost cost) {
  return RunOn<std::string>(pool_, [&password, cost] { return HashPassword(password, cost); });
}

}  // namespace dandelion::service
