#include "cli/store_command.h"

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "service/operations/store_check.h"

namespace dandelion::cli {

namespace fs = std::filesystem;

int RunCheck(store::Store& store, const Clock& clock, bool json, std::ostream& out,
             std::ostream& err) {
  auto check = service::CheckStore(store, clock);
  if (!check.ok()) {
    err << "dandelion: cannot check the store: " << check.status().message() << "\n";
    return 1;
  }
  if (json) {
    nlohmann::json topics = nlohmann::json::array();
    for (const auto& t : check->topics) {
      topics.push_back({{"id", t.topic_id}, {"name", t.name}, {"matches", t.matches}});
    }
    out << nlohmann::json{{"ok", check->ok()},
                          {"problems", check->problems},
                          {"mentions", check->mentions},
                          {"topics", topics},
                          {"audit_entries", check->audit_entries}}
               .dump()
        << "\n";
  } else if (check->ok()) {
    out << fmt::format(
        "The {} store is sound: {} mentions, rollups equal a recount, {} audit entries intact.\n",
        store.Backend(), check->mentions, check->audit_entries);
  } else {
    for (const auto& p : check->problems) err << "problem: " << p << "\n";
    err << fmt::format("dandelion: the store has {} problem(s){}\n", check->problems.size(),
                       check->problems.size() >= service::kMaxListedDifferences ? " or more" : "");
  }
  return check->ok() ? 0 : 1;
}

Status RunBackup(store::Store& store, const std::string& path, std::ostream& out) {
  DND_RETURN_IF_ERROR(store.Backup(path));
  std::error_code ec;
  const auto bytes = fs::file_size(path, ec);
  out << fmt::format("Backed up the store into {} ({:.1f} MB).\n", path,
                     ec ? 0.0 : static_cast<double>(bytes) / 1e6);
  return Status::Ok();
}

Status RunRestore(const std::string& backup, const StoreConfig& target, const Clock& clock,
                  std::ostream& out) {
  if (!target.db.empty()) {
    return FailedPrecondition(
        "a PostgreSQL store is restored with PostgreSQL's own tools: pg_restore -d URI FILE");
  }
  std::error_code ec;
  if (!fs::is_regular_file(backup, ec)) return NotFound("no backup file " + backup, "backup");
  const fs::path dir(target.data_dir);
  const fs::path final_path = dir / "dandelion.db";
  if (fs::exists(final_path, ec)) {
    return AlreadyExists(target.data_dir +
                             " already holds a store; restore into a new folder, or move "
                             "dandelion.db away first",
                         "data");
  }
  fs::create_directories(dir, ec);
  if (ec) return Unavailable("cannot create " + dir.string() + ": " + ec.message());
  // Restored under a name of its own first: only a sound copy becomes the
  // store.
  const fs::path work_dir = dir / ".restore";
  fs::remove_all(work_dir, ec);
  fs::create_directories(work_dir, ec);
  if (ec) return Unavailable("cannot create " + work_dir.string() + ": " + ec.message());
  auto give_up = [&](Status st) {
    fs::remove_all(work_dir, ec);
    return st;
  };
  fs::copy_file(backup, work_dir / "dandelion.db", ec);
  if (ec) return give_up(Unavailable("cannot copy " + backup + ": " + ec.message()));
  int64_t mentions = 0, audit_entries = 0;
  {
    StoreConfig work{.data_dir = work_dir.string(), .db = ""};
    auto opened = OpenStore(work);  // migrates an older backup to this version
    if (!opened.ok()) return give_up(opened.status());
    auto check = service::CheckStore(**opened, clock);
    if (!check.ok()) return give_up(check.status());
    if (!check->ok()) {
      return give_up(FailedPrecondition("the backup is not sound, nothing restored: " +
                                        check->problems.front()));
    }
    mentions = check->mentions;
    audit_entries = check->audit_entries;
  }  // closed: its write-ahead log folded back into the file
  fs::rename(work_dir / "dandelion.db", final_path, ec);
  if (ec) return give_up(Internal("cannot move the restored store into place: " + ec.message()));
  fs::remove_all(work_dir, ec);
  out << fmt::format(
      "Restored {} into {}: {} mentions, {} audit entries intact. Start the server on it with "
      "--data {}.\n",
      backup, final_path.string(), mentions, audit_entries, target.data_dir);
  return Status::Ok();
}

}  // namespace dandelion::cli
