#include "core/incidents/incident_report.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

TEST(Severity, NamesRoundTrip) {
  for (auto s : {Severity::minor, Severity::moderate, Severity::major, Severity::catastrophic})
    EXPECT_EQ(severity_from_string(to_string(s)), s);
  EXPECT_EQ(to_string(Severity::minor), "minor");
  EXPECT_EQ(to_string(Severity::catastrophic), "catastrophic");
  EXPECT_EQ(label(Severity::moderate), "Moderate");
  EXPECT_EQ(label(Severity::major), "Major");
}

TEST(Severity, OnlyTheIdsAreRead) {
  EXPECT_FALSE(severity_from_string("Major")) << "labels are for people";
  EXPECT_FALSE(severity_from_string("severe"));
  EXPECT_FALSE(severity_from_string(""));
}

}  // namespace
}  // namespace hqms
