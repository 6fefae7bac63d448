#include "metrics/data_dir_collector.h"

#include <gtest/gtest.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <string>

#include "unit/metrics/exposition_util.h"

namespace tars::metrics {
namespace {

using testing::findFamily;
using testing::TempDir;

double gaugeOf(const std::vector<prometheus::MetricFamily>& families, const char* name) {
  const prometheus::MetricFamily* family = findFamily(families, name);
  EXPECT_NE(family, nullptr) << name;
  EXPECT_EQ(family->type, prometheus::MetricType::Gauge);
  EXPECT_EQ(family->metric.size(), 1u) << name;
  return family->metric.at(0).gauge.value;
}

struct Space {
  double free_bytes;
  double size_bytes;
};

Space statSpace(const std::string& path) {
  struct statvfs fs {};
  EXPECT_EQ(statvfs(path.c_str(), &fs), 0);
  return {static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize),
          static_cast<double>(fs.f_blocks) * static_cast<double>(fs.f_frsize)};
}

TEST(DataDirCollectorTest, EqualsStatvfsOfTheDirectory) {
  TempDir dir;
  DataDirCollector collector(dir.path());
  // Free space moves while other processes write to the same file system, so the collected value
  // must lie between two statvfs readings taken around it.
  Space before = statSpace(dir.path());
  std::vector<prometheus::MetricFamily> families = collector.Collect();
  Space after = statSpace(dir.path());

  EXPECT_EQ(gaugeOf(families, "tars_data_dir_size_bytes"), before.size_bytes);
  double free_bytes = gaugeOf(families, "tars_data_dir_free_bytes");
  EXPECT_GE(free_bytes, std::min(before.free_bytes, after.free_bytes));
  EXPECT_LE(free_bytes, std::max(before.free_bytes, after.free_bytes));
  EXPECT_GT(free_bytes, 0);
}

TEST(DataDirCollectorTest, MissingDirectoryKeepsFamiliesWithoutSamples) {
  TempDir dir;
  DataDirCollector collector(dir.path() + "/does-not-exist");
  std::vector<prometheus::MetricFamily> families = collector.Collect();
  for (const char* name : {"tars_data_dir_free_bytes", "tars_data_dir_size_bytes"}) {
    const prometheus::MetricFamily* family = findFamily(families, name);
    ASSERT_NE(family, nullptr) << name;
    EXPECT_FALSE(family->help.empty());
    EXPECT_TRUE(family->metric.empty()) << name;
  }
}

}  // namespace
}  // namespace tars::metrics
