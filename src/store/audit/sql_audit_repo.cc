// The audit log over the SQL client interface (both backends): appends are
// serialised by a transaction lock so that the hash chain has no forks.

#include <fmt/format.h>

#include <limits>

#include "domain/audit.h"
#include "store/audit/audit_repo.h"
#include "store/sql/sql_database.h"

// GCC 12 reports std::variant's string member as maybe-uninitialized when a
// std::vector<Value> is built from an initializer list (a known false
// positive, GCC bug 105562); the values here are always initialised.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace dandelion::store {
namespace {

using sql::Checked;
using sql::Conn;
using sql::kAuditLockKey;
using sql::MapRows;
using sql::OptInt;
using sql::OptValue;
using sql::Relabel;
using sql::Row;
using sql::Value;

AuditEntry AuditFrom(const Row& r) {
  AuditEntry e;
  e.id = r.Int(0);
  e.at_ms = r.Int(1);
  e.actor_id = OptInt(r, 2);
  e.actor = r.Str(3);
  e.action = r.Str(4);
  e.target = r.Str(5);
  e.before = r.Str(6);
  e.after = r.Str(7);
  e.prev_hash = r.Str(8);
  e.hash = r.Str(9);
  return e;
}

constexpr const char* kAuditCols =
    "id, at, actor_id, actor, action, target, before_json, after_json, prev_hash, hash";

class SqlAuditRepo : public AuditRepo {
 public:
  explicit SqlAuditRepo(Conn& c) : c_(c) {}
  Result<AuditEntry> Append(AuditEntry e) override {
    DND_RETURN_IF_ERROR(c_.LockForTransaction(kAuditLockKey));
    DND_ASSIGN_OR_RETURN(auto last,
                         c_.Query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    if (last.empty()) {
      e.prev_hash = std::string(domain::kAuditGenesis);
    } else {
      DND_ASSIGN_OR_RETURN(e.prev_hash, Checked(last[0], last[0].Str(0)));
    }
    e.hash = domain::AuditEntryHash(e);
    Value p[] = {e.at_ms, OptValue(e.actor_id), e.actor, e.action, e.target, e.before,
                 e.after, e.prev_hash,          e.hash};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query("INSERT INTO audit_log (at, actor_id, actor, action, target, before_json, "
                 "after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                 "RETURNING id",
                 p));
    DND_ASSIGN_OR_RETURN(e.id, sql::ScalarInt(rows));
    return e;
  }
  Result<std::vector<AuditEntry>> List(int64_t before, int limit) override {
    Value p[] = {before > 0 ? before : std::numeric_limits<int64_t>::max(),
                 static_cast<int64_t>(limit)};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2",
                             kAuditCols),
                 p));
    return MapRows(rows, AuditFrom);
  }
  Status Scan(const std::function<bool(const AuditEntry&)>& fn) override {
    // Pages of 1000 keep memory flat however long the log grows.
    int64_t after = 0;
    for (;;) {
      Value p[] = {after};
      DND_ASSIGN_OR_RETURN(
          auto rows,
          c_.Query(fmt::format("SELECT {} FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000",
                               kAuditCols),
                   p));
      if (rows.empty()) return Status::Ok();
      for (const Row& r : rows) {
        AuditEntry e = AuditFrom(r);
        DND_RETURN_IF_ERROR(r.error());
        after = e.id;
        if (!fn(e)) return Status::Ok();
      }
    }
  }

 private:
  Conn& c_;
};

}  // namespace

AuditRepo& Audit(Tx& tx) { return tx.Get<SqlAuditRepo>(); }

}  // namespace dandelion::store
