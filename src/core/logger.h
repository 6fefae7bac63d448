#pragma once
// Logger: structured log lines (JSON or key=value text) over spdlog. Owned by the App and passed
// down by reference (no global logger). Callers must never pass secrets as field values.
//
// Thread safety: all methods are thread-safe (spdlog's mt sinks).

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace tars {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };
enum class LogFormat { kJson, kText };

struct LogField {
  std::string_view key;
  std::string_view value;
  bool raw = false;  // value is already a JSON number/bool (written unquoted)
};

class Logger {
 public:
  // Logs to stderr (stdout is kept for command output such as `tars routes`).
  Logger(LogLevel level, LogFormat format);
  // Logs to `sink_logger` (tests capture lines with an ostream sink).
  Logger(std::shared_ptr<spdlog::logger> sink_logger, LogLevel level, LogFormat format);
  ~Logger();

  bool enabled(LogLevel level) const;
  void log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {});
  void info(std::string_view msg, std::initializer_list<LogField> fields = {}) {
    log(LogLevel::kInfo, msg, fields);
  }
  void warn(std::string_view msg, std::initializer_list<LogField> fields = {}) {
    log(LogLevel::kWarn, msg, fields);
  }
  void error(std::string_view msg, std::initializer_list<LogField> fields = {}) {
    log(LogLevel::kError, msg, fields);
  }
  void flush();

 private:
  std::shared_ptr<spdlog::logger> logger_;
  LogLevel level_;
  LogFormat format_;
};

}  // namespace tars
