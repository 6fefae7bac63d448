#pragma once
// CheckBuilder: collects the findings of one check and reports the worst of them.

#include <string>
#include <vector>

#include "app/doctor/doctor.h"

namespace tars::doctor {

class CheckBuilder {
 public:
  CheckBuilder(int number, std::string name) : number_(number), name_(std::move(name)) {}

  void fail(std::string message) { add(DoctorCheck::Level::kFail, std::move(message)); }
  void warn(std::string message) { add(DoctorCheck::Level::kWarn, std::move(message)); }
  // A passing fact worth showing when nothing is wrong ("store is PostgreSQL").
  void pass(std::string message) { passes_.push_back(std::move(message)); }

  // PASS with the pass facts joined by "; " (or `fallback` when there are none), else the worst
  // level with every WARN/FAIL finding joined by "; ".
  DoctorCheck finish(const std::string& fallback = "ok") const {
    DoctorCheck check;
    check.number = number_;
    check.name = name_;
    check.level = level_;
    const std::vector<std::string>& parts = problems_.empty() ? passes_ : problems_;
    for (const std::string& part : parts)
      check.message += (check.message.empty() ? "" : "; ") + part;
    if (check.message.empty())
      check.message = fallback;
    return check;
  }

 private:
  void add(DoctorCheck::Level level, std::string message) {
    if (static_cast<int>(level) > static_cast<int>(level_))
      level_ = level;
    problems_.push_back(std::move(message));
  }

  int number_;
  std::string name_;
  DoctorCheck::Level level_ = DoctorCheck::Level::kPass;
  std::vector<std::string> passes_;
  std::vector<std::string> problems_;
};

}  // namespace tars::doctor
