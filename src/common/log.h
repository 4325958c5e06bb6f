// Minimal structured logging to stderr: one line per event, key=value pairs.
// Never pass secrets (passwords, tokens, cookies) to these functions.
#pragma once

#include <string_view>

namespace dandelion {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

//! Messages below `level` are dropped. Thread-safe.
void SetLogLevel(LogLevel level);
void Log(LogLevel level, std::string_view message);

inline void LogInfo(std::string_view m) { Log(LogLevel::kInfo, m); }
inline void LogWarn(std::string_view m) { Log(LogLevel::kWarn, m); }
inline void LogError(std::string_view m) { Log(LogLevel::kError, m); }

}  // namespace dandelion
