#include "metrics/process_collector.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "unit/metrics/exposition_util.h"

namespace tars::metrics {
namespace {

using testing::findFamily;
using testing::TempDir;

constexpr const char* kFamilies[] = {"process_cpu_seconds_total",
                                     "process_resident_memory_bytes",
                                     "process_virtual_memory_bytes",
                                     "process_open_fds",
                                     "process_max_fds",
                                     "process_start_time_seconds"};

// The single sample's value, or NaN if the family or its sample is missing.
double valueOf(const std::vector<prometheus::MetricFamily>& families, const char* name) {
  const prometheus::MetricFamily* family = findFamily(families, name);
  if (family == nullptr || family->metric.size() != 1) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return family->type == prometheus::MetricType::Counter ? family->metric[0].counter.value
                                                         : family->metric[0].gauge.value;
}

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream(path) << content;
}

TEST(ProcessCollectorTest, RealProcessValuesArePlausible) {
  ProcessCollector collector;
  std::vector<prometheus::MetricFamily> families = collector.Collect();

  ASSERT_NE(findFamily(families, "process_cpu_seconds_total"), nullptr);
  EXPECT_EQ(findFamily(families, "process_cpu_seconds_total")->type,
            prometheus::MetricType::Counter);
  for (const char* name : kFamilies) {
    ASSERT_NE(findFamily(families, name), nullptr) << name;
    EXPECT_FALSE(findFamily(families, name)->help.empty()) << name;
  }

  double rss = valueOf(families, "process_resident_memory_bytes");
  EXPECT_GT(rss, 0);
  EXPECT_GE(valueOf(families, "process_virtual_memory_bytes"), rss);
  EXPECT_GE(valueOf(families, "process_cpu_seconds_total"), 0);
  double open_fds = valueOf(families, "process_open_fds");
  EXPECT_GT(open_fds, 0);
  EXPECT_GE(valueOf(families, "process_max_fds"), open_fds);

  double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  double start = valueOf(families, "process_start_time_seconds");
  // btime has whole-second resolution, so allow a little slack past "now".
  EXPECT_LE(start, now + 2);
  EXPECT_GT(start, now - 24 * 3600);
}

TEST(ProcessCollectorTest, ParsesAFakeProcTree) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/self/fd");
  for (const char* fd : {"0", "1", "2"}) {
    writeFile(dir.path() + "/self/fd/" + fd, "");
  }
  // Field 2 contains spaces and ')' to prove the parser splits after the last ')'.
  // Fields: 3 state .. 13, utime=250 (14), stime=150 (15), 16..21, starttime=1000 (22),
  // vsize=8192000 (23), rss=300 (24), then more.
  writeFile(dir.path() + "/self/stat",
            "4242 (tars) serve) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 9 0 1000 "
            "8192000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
  writeFile(dir.path() + "/self/limits",
            "Limit                     Soft Limit           Hard Limit           Units     \n"
            "Max cpu time              unlimited            unlimited            seconds   \n"
            "Max open files            4096                 524288               files     \n");
  writeFile(dir.path() + "/stat", "cpu  1 2 3 4\nintr 5\nctxt 6\nbtime 1700000000\nprocesses 7\n");

  ProcessCollector collector(dir.path() + "/self", dir.path() + "/stat");
  std::vector<prometheus::MetricFamily> families = collector.Collect();

  double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  EXPECT_DOUBLE_EQ(valueOf(families, "process_cpu_seconds_total"), 400 / ticks);
  EXPECT_DOUBLE_EQ(valueOf(families, "process_virtual_memory_bytes"), 8192000);
  EXPECT_DOUBLE_EQ(valueOf(families, "process_resident_memory_bytes"), 300 * page);
  EXPECT_DOUBLE_EQ(valueOf(families, "process_open_fds"), 3);
  EXPECT_DOUBLE_EQ(valueOf(families, "process_max_fds"), 4096);
  EXPECT_DOUBLE_EQ(valueOf(families, "process_start_time_seconds"), 1700000000 + 1000 / ticks);
}

TEST(ProcessCollectorTest, UnreadableValuesLeaveFamiliesWithoutSamples) {
  TempDir dir;
  ProcessCollector collector(dir.path() + "/missing", dir.path() + "/missing-stat");
  std::vector<prometheus::MetricFamily> families = collector.Collect();
  for (const char* name : kFamilies) {
    const prometheus::MetricFamily* family = findFamily(families, name);
    ASSERT_NE(family, nullptr) << name;
    EXPECT_TRUE(family->metric.empty()) << name;
  }
}

TEST(ProcessCollectorTest, UnlimitedMaxFdsIsLeftOut) {
  TempDir dir;
  writeFile(dir.path() + "/limits",
            "Max open files            unlimited            unlimited  files\n");
  ProcessCollector collector(dir.path(), dir.path() + "/stat");
  EXPECT_TRUE(findFamily(collector.Collect(), "process_max_fds")->metric.empty());
}

}  // namespace
}  // namespace tars::metrics
