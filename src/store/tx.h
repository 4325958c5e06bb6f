// Tx: one transaction, as services see it. A capability's repositories are
// reached through its accessor (store::Org(tx), store::Listening(tx), ...),
// declared in store/<capability>/ and defined beside their SQL; the
// accessor makes them once per transaction through Get. A new capability
// adds its folder and its accessor and edits nothing here.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace dandelion::store {

namespace sql {
class Conn;
}

//! Valid only inside Store::Read/Write's callback, on that callback's thread.
class Tx {
 public:
  explicit Tx(sql::Conn& conn) : conn_(conn) {}
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  //! The capability part `P` of this transaction, made from the connection
  //! on first use. For the accessors' definitions, not for services.
  template <typename P>
  P& Get() {
    // One key per P, whichever translation unit asks (an inline function's
    // static is one object program-wide).
    static const char key = 0;
    for (auto& [k, part] : parts_) {
      if (k == &key) return static_cast<Holder<P>&>(*part).value;
    }
    auto holder = std::make_unique<Holder<P>>(conn_);
    P& out = holder->value;
    parts_.emplace_back(&key, std::move(holder));
    return out;
  }

 private:
  struct Part {
    virtual ~Part() = default;
  };
  template <typename P>
  struct Holder : Part {
    explicit Holder(sql::Conn& c) : value(c) {}
    P value;
  };

  sql::Conn& conn_;
  std::vector<std::pair<const char*, std::unique_ptr<Part>>> parts_;
};

}  // namespace dandelion::store
