// The narrow SQL client interface both backends implement (as Drogon keeps
// one client interface with a folder per backend). Repositories are written
// once against it (sql_store.cc); only connection handling, parameter
// binding and error mapping differ per backend.
//
// SQL uses PostgreSQL-style placeholders ($1, $2, ...); the SQLite backend
// binds them as named parameters.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/embedded.h"
#include "common/status.h"

namespace dandelion::store::sql {

using Value = std::variant<std::monostate, int64_t, double, std::string>;

//! One result row; columns by position.
class Row {
 public:
  explicit Row(std::vector<Value> v) : values_(std::move(v)) {}
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  //! The integer in column i (0 for NULL; parses text).
  int64_t Int(size_t i) const;
  //! The text in column i ("" for NULL; formats numbers).
  std::string Str(size_t i) const;
  size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

//! A nullable integer column, and a nullable integer as a parameter.
inline std::optional<int64_t> OptInt(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Int(i);
}
inline Value OptValue(const std::optional<int64_t>& v) {
  if (v) return *v;
  return std::monostate{};
}

enum class Dialect { kSqlite, kPostgres };

//! A connection inside a transaction. Errors: AlreadyExists on a unique
//! violation (message names the constraint), Unavailable when the
//! connection is lost, Internal otherwise (message has the database's text).
class Conn {
 public:
  virtual ~Conn() = default;
  virtual Status Exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  virtual Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params = {}) = 0;
  //! Runs a script of several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
  //! Takes a lock, held until the transaction ends, that serialises the
  //! callers of the same `key` across processes.
  virtual Status LockForTransaction(int64_t key) = 0;
};

//! A database: runs transactions on connections it owns. Thread-safe.
class Database {
 public:
  virtual ~Database() = default;
  //! A read-write transaction: commits when `fn` returns Ok, rolls back
  //! otherwise; a throw inside `fn` rolls back, releases the connection and
  //! propagates.
  virtual Status Transact(const std::function<Status(Conn&)>& fn) = 0;
  //! A read-only transaction, the same otherwise (Store::Read).
  virtual Status TransactRead(const std::function<Status(Conn&)>& fn) = 0;
  virtual Dialect dialect() const = 0;
};

}  // namespace dandelion::store::sql
