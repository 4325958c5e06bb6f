// InFlight: how many requests each client has in flight, with a cap. A
// client is its credential (session cookie or API token) when it sends one,
// else its address: one user's burst, or one address's flood of anonymous
// requests (logins), cannot take every handler thread from the others.
// Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dandelion::http {

class InFlight {
 public:
  explicit InFlight(size_t max_per_client) : max_(max_per_client) {}

  //! Counts a request of `client` in; false (not counted) at the cap.
  bool Enter(const std::string& client);
  void Leave(const std::string& client);

  //! Holds one request's place; Leave()s on destruction when admitted.
  class Ticket {
   public:
    Ticket(InFlight& f, std::string client) : f_(f), client_(std::move(client)) {
      admitted_ = f_.Enter(client_);
    }
    ~Ticket() {
      if (admitted_) f_.Leave(client_);
    }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    bool admitted() const { return admitted_; }

   private:
    InFlight& f_;
    std::string client_;
    bool admitted_ = false;
  };

  size_t max_per_client() const { return max_; }

 private:
  size_t max_;
  std::mutex mu_;
  std::unordered_map<std::string, size_t> counts_;
};

}  // namespace dandelion::http
