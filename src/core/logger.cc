#include "core/logger.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/json_util.h"

namespace tars {
namespace {

spdlog::level::level_enum toSpd(LogLevel l) {
  switch (l) {
    case LogLevel::kTrace:
      return spdlog::level::trace;
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

void configure(spdlog::logger& l, LogLevel level, LogFormat format) {
  l.set_level(toSpd(level));
  // The message (%v) is the rest of the JSON object, built by Logger::log.
  if (format == LogFormat::kJson) {
    l.set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                  spdlog::pattern_time_type::utc);
  } else {
    l.set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  }
  l.flush_on(spdlog::level::warn);
}

}  // namespace

Logger::Logger(LogLevel level, LogFormat format)
    : Logger(std::make_shared<spdlog::logger>("tars",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>()),
             level, format) {}

Logger::Logger(std::shared_ptr<spdlog::logger> sink_logger, LogLevel level, LogFormat format)
    : logger_(std::move(sink_logger)), level_(level), format_(format) {
  configure(*logger_, level, format);
}

Logger::~Logger() {
  logger_->flush();
}

bool Logger::enabled(LogLevel level) const {
  return level_ != LogLevel::kOff && static_cast<int>(level) >= static_cast<int>(level_);
}

void Logger::log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields) {
  if (!enabled(level))
    return;
  std::string line;
  line.reserve(128);
  if (format_ == LogFormat::kJson) {
    line += "\"msg\":";
    json::appendQuoted(line, msg);
    for (const auto& f : fields) {
      line += ',';
      json::appendQuoted(line, f.key);
      line += ':';
      if (f.raw) {
        line += f.value;
      } else {
        json::appendQuoted(line, f.value);
      }
    }
  } else {
    line += msg;
    for (const auto& f : fields) {
      line += ' ';
      line += f.key;
      line += '=';
      bool plain = !f.value.empty() && f.value.find_first_of(" \"\n\r\t") == std::string_view::npos;
      if (plain || f.raw) {
        line += f.value;
      } else {
        json::appendQuoted(line, f.value);
      }
    }
  }
  logger_->log(toSpd(level), std::string_view(line));
}

void Logger::flush() {
  logger_->flush();
}

}  // namespace tars
