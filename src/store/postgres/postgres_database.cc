#include "store/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <condition_variable>
#include <mutex>
#include <vector>

namespace dandelion::store::postgres {
namespace {

using sql::Value;

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kBool = 16, kFloat4 = 700, kFloat8 = 701;

std::string FirstLine(const char* s) {
  std::string m = s ? s : "unknown error";
  size_t nl = m.find('\n');
  if (nl != std::string::npos) m.resize(nl);
  return m;
}

using ResultPtr = std::unique_ptr<PGresult, void (*)(PGresult*)>;

class PgConn : public sql::Conn {
 public:
  explicit PgConn(PGconn* c) : c_(c) {}

  Status Exec(std::string_view q, std::span<const Value> params) override {
    return Run(q, params, nullptr);
  }
  Result<std::vector<sql::Row>> Query(std::string_view q, std::span<const Value> params) override {
    std::vector<sql::Row> rows;
    DND_RETURN_IF_ERROR(Run(q, params, &rows));
    return rows;
  }
  Status ExecScript(std::string_view q) override {
    ResultPtr r(PQexec(c_, std::string(q).c_str()), PQclear);
    return Check(r.get());
  }
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  Status LockForTransaction(int64_t key) override {
    Value p[] = {key};
    return Exec("SELECT pg_advisory_xact_lock($1)", p);
  }

 private:
  Status Check(PGresult* r) {
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return Status::Ok();
    if (PQstatus(c_) != CONNECTION_OK) {
      return Unavailable("postgresql: connection lost: " + FirstLine(PQerrorMessage(c_)));
    }
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string msg = "postgresql: " + FirstLine(PQresultErrorMessage(r));
    if (state && std::string_view(state) == "23505") return AlreadyExists(msg);
    // serialization_failure and deadlock_detected: the transaction lost a
    // race and can be run again whole (SqlStore::Write does).
    if (state && (std::string_view(state) == "40001" || std::string_view(state) == "40P01")) {
      return Aborted(msg);
    }
    return Internal(msg);
  }

  Status Run(std::string_view q, std::span<const Value> params, std::vector<sql::Row>* rows) {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (auto p = std::get_if<int64_t>(&v)) texts[i] = std::to_string(*p);
      if (auto p = std::get_if<double>(&v)) texts[i] = std::to_string(*p);
      if (auto p = std::get_if<std::string>(&v)) texts[i] = *p;
      ptrs[i] = texts[i].c_str();
    }
    ResultPtr r(PQexecParams(c_, std::string(q).c_str(), static_cast<int>(params.size()), nullptr,
                             ptrs.data(), nullptr, nullptr, 0),
                PQclear);
    DND_RETURN_IF_ERROR(Check(r.get()));
    if (rows == nullptr) return Status::Ok();
    int n = PQntuples(r.get()), cols = PQnfields(r.get());
    rows->reserve(n);
    for (int i = 0; i < n; ++i) {
      std::vector<Value> vals;
      vals.reserve(cols);
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(r.get(), i, c)) {
          vals.emplace_back(std::monostate{});
          continue;
        }
        const char* t = PQgetvalue(r.get(), i, c);
        Oid type = PQftype(r.get(), c);
        if (type == kInt8 || type == kInt4 || type == kInt2) {
          vals.emplace_back(static_cast<int64_t>(std::strtoll(t, nullptr, 10)));
        } else if (type == kBool) {
          vals.emplace_back(static_cast<int64_t>(t[0] == 't'));
        } else if (type == kFloat4 || type == kFloat8) {
          vals.emplace_back(std::strtod(t, nullptr));
        } else {
          vals.emplace_back(std::string(t, PQgetlength(r.get(), i, c)));
        }
      }
      rows->emplace_back(std::move(vals));
    }
    return Status::Ok();
  }

  PGconn* c_;
};

class PgDatabase : public sql::Database {
 public:
  PgDatabase(std::string conninfo, int pool_size)
      : conninfo_(std::move(conninfo)), pool_size_(pool_size) {}
  ~PgDatabase() override {
    for (PGconn* c : idle_) PQfinish(c);
  }

  Result<PGconn*> Connect() {
    PGconn* c = PQconnectdb(conninfo_.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      std::string msg = FirstLine(PQerrorMessage(c));
      PQfinish(c);
      return Unavailable("cannot connect to PostgreSQL: " + msg);
    }
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);  // keep NOTICEs out of stderr
    return c;
  }

  void KeepIdle(PGconn* c) {
    std::lock_guard lock(mu_);
    idle_.push_back(c);
  }

  void Release(PGconn* c) {
    std::lock_guard lock(mu_);
    --in_use_;
    if (c != nullptr && PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE) {
      idle_.push_back(c);
    } else if (c != nullptr) {
      PQfinish(c);
    }
    cv_.notify_one();
  }

  Status Transact(const std::function<Status(sql::Conn&)>& fn) override { return Run("BEGIN", fn); }
  Status TransactRead(const std::function<Status(sql::Conn&)>& fn) override {
    return Run("BEGIN READ ONLY", fn);
  }

  // Runs `fn` between `begin` and COMMIT on a pooled connection (ROLLBACK
  // when it fails or throws); the connection goes back to the pool however
  // `fn` ends.
  Status Run(const char* begin, const std::function<Status(sql::Conn&)>& fn) {
    PGconn* c = nullptr;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !idle_.empty() || in_use_ < pool_size_; });
      ++in_use_;
      if (!idle_.empty()) {
        c = idle_.back();
        idle_.pop_back();
      }
    }
    if (c == nullptr) {
      auto made = Connect();
      if (!made.ok()) {
        Release(nullptr);
        return made.status();
      }
      c = *made;
    }
    PgConn conn(c);
    Status st = conn.ExecScript(begin);
    if (st.ok()) {
      try {
        st = fn(conn);
      } catch (...) {
        // A failed ROLLBACK leaves the connection outside IDLE: Release drops it.
        conn.ExecScript("ROLLBACK").IgnoreError();
        Release(c);
        throw;
      }
      if (st.ok()) {
        st = conn.ExecScript("COMMIT");
      } else {
        conn.ExecScript("ROLLBACK").IgnoreError();  // fn's failure is what counts
      }
    }
    Release(c);
    return st;
  }
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }

 private:
  std::string conninfo_;
  int pool_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PGconn*> idle_;
  int in_use_ = 0;
};

}  // namespace

Result<std::unique_ptr<sql::Database>> OpenPostgres(const std::string& conninfo, int pool_size) {
  auto db = std::make_unique<PgDatabase>(conninfo, pool_size < 1 ? 1 : pool_size);
  // Connect once now so that a server that is down is reported at start.
  auto c = db->Connect();
  if (!c.ok()) return c.status();
  db->KeepIdle(*c);
  return std::unique_ptr<sql::Database>(std::move(db));
}

}  // namespace dandelion::store::postgres
