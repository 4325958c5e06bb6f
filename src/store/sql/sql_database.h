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
#include <type_traits>
#include <variant>
#include <vector>

#include "common/embedded.h"
#include "common/status.h"

namespace dandelion::store::sql {

using Value = std::variant<std::monostate, int64_t, double, std::string>;

//! One result row; columns by position. Reading a column as what it does
//! not hold (NULL as text or integer, text that is not an integer) gives an
//! empty value and marks the row bad: error() then says which column, and
//! Checked/MapRows turn it into an Internal error instead of a silent 0.
class Row {
 public:
  explicit Row(std::vector<Value> v) : values_(std::move(v)) {}
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  //! The integer in column i (parses text, as PostgreSQL sends it).
  int64_t Int(size_t i) const;
  //! The text in column i (formats numbers).
  std::string Str(size_t i) const;
  //! The number in column i (an integer, a real, or text holding one).
  double Double(size_t i) const;
  //! Nullable columns: nullopt for NULL, else as Int/Str.
  std::optional<int64_t> OptInt(size_t i) const;
  std::optional<std::string> OptStr(size_t i) const;
  //! Marks the row bad (a reader found a value it cannot use, e.g. a role
  //! name it does not know); the first mark wins.
  void Fail(size_t i, std::string_view what) const;
  //! Ok unless a read of this row went wrong.
  const Status& error() const { return error_; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
  mutable Status error_;
};

//! `value`, or the row's error when reading it went wrong.
template <typename T>
Result<T> Checked(const Row& r, T value) {
  if (!r.error().ok()) return r.error();
  return value;
}

//! Each row through `from`, failing on the first bad row.
template <typename F>
auto MapRows(const std::vector<Row>& rows, F from)
    -> Result<std::vector<std::decay_t<decltype(from(rows.front()))>>> {
  std::vector<std::decay_t<decltype(from(rows.front()))>> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    auto v = from(r);
    if (!r.error().ok()) return r.error();
    out.push_back(std::move(v));
  }
  return out;
}

//! The integer in the first column of the first row (COUNT(*) and the like).
Result<int64_t> ScalarInt(const std::vector<Row>& rows);

//! A nullable integer column, and a nullable integer as a parameter.
inline std::optional<int64_t> OptInt(const Row& r, size_t i) { return r.OptInt(i); }
inline Value OptValue(const std::optional<int64_t>& v) {
  if (v) return *v;
  return std::monostate{};
}

//! Re-labels a unique violation with the caller's message and field.
inline Status Relabel(Status st, std::string message, std::string field) {
  if (st.code() == Code::kAlreadyExists) return AlreadyExists(std::move(message), std::move(field));
  return st;
}

//! Keys for Conn::LockForTransaction, one per thing serialised.
inline constexpr int64_t kAuditLockKey = 0x64616e64'00000001;
inline constexpr int64_t kMigrateLockKey = 0x64616e64'00000002;
inline constexpr int64_t kHubAdminsLockKey = 0x64616e64'00000003;

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
  //! Store::IntegrityProblems and Store::Backup; by default (PostgreSQL)
  //! no checks of its own and no backup (pg_dump does it).
  virtual Result<std::vector<std::string>> IntegrityProblems() {
    return std::vector<std::string>{};
  }
  virtual Status Backup(const std::string& path);
};

}  // namespace dandelion::store::sql
