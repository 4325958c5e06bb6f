// Sign-in state: sessions, API tokens and failed logins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/model.h"
#include "store/tx.h"

namespace dandelion::store {

using domain::ApiToken;
using domain::Session;

class SessionRepo {
 public:
  virtual ~SessionRepo() = default;
  virtual Status Create(const Session& s) = 0;
  //! NotFound when absent (expiry is the caller's to check).
  virtual Result<Session> Get(const std::string& token_hash) = 0;
  virtual Status Delete(const std::string& token_hash) = 0;
  //! Removes sessions that expired before `now_ms`; returns how many.
  virtual Result<int64_t> DeleteExpired(int64_t now_ms) = 0;
  //! Ends every session of `user_id` but the one `keep_hash` (may be "");
  //! returns how many ended.
  virtual Result<int64_t> DeleteForUser(int64_t user_id, const std::string& keep_hash) = 0;
  //! Records that the session was used at `now_ms` (the idle timeout).
  virtual Status Touch(const std::string& token_hash, int64_t now_ms) = 0;
};

class ApiTokenRepo {
 public:
  virtual ~ApiTokenRepo() = default;
  virtual Result<ApiToken> Create(const ApiToken& t) = 0;
  //! NotFound when absent.
  virtual Result<ApiToken> GetByHash(const std::string& token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ForUser(int64_t user_id) = 0;
  //! NotFound unless a token `id` of `user_id` exists.
  virtual Status Delete(int64_t id, int64_t user_id) = 0;
  virtual Status Touch(int64_t id, int64_t now_ms) = 0;
};

//! Failed logins under one key since a point in time.
struct FailureCounts {
  int64_t count = 0;
  std::optional<int64_t> oldest_ms, newest_ms;
};

//! Failed logins, counted per key (a digest of the account, of the client
//! address, or the server-wide key) for throttling.
class LoginAttemptRepo {
 public:
  virtual ~LoginAttemptRepo() = default;
  virtual Status RecordFailure(const std::string& key, int64_t at_ms) = 0;
  //! How many failures `key` has at or after `since_ms`, the oldest and the
  //! newest of them.
  virtual Result<FailureCounts> CountSince(const std::string& key, int64_t since_ms) = 0;
  virtual Status Clear(const std::string& key) = 0;
  //! Removes every failure before `before_ms` (any key); returns how many.
  virtual Result<int64_t> PurgeBefore(int64_t before_ms) = 0;
};

//! The sign-in part of one transaction.
class AuthRepos {
 public:
  virtual ~AuthRepos() = default;
  virtual SessionRepo& sessions() = 0;
  virtual ApiTokenRepo& api_tokens() = 0;
  virtual LoginAttemptRepo& login_attempts() = 0;
};
AuthRepos& Auth(Tx& tx);

}  // namespace dandelion::store
