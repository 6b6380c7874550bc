// Dates as the archives write them, and the bounds of query ranges.
#include <gtest/gtest.h>

#include "common/date.h"

namespace gazette {
namespace {

std::string iso(std::string_view text) {
  auto d = parse_date(text);
  return d ? d->iso() : "none";
}

TEST(ParseDate, Iso8601WithOffset) {
  EXPECT_EQ(iso("2022-03-01T18:00:02+01:00"), "2022-03-01T18:00:02+01:00");
  EXPECT_EQ(iso("2020-07-02T20:48:16+02:00"), "2020-07-02T20:48:16+02:00");
  EXPECT_EQ(iso("2020-07-02T20:48:16Z"), "2020-07-02T20:48:16+00:00");
  EXPECT_EQ(iso("2020-07-02 20:48"), "2020-07-02T20:48:00+00:00");
  EXPECT_EQ(iso("2012-05-22"), "2012-05-22");
}

TEST(ParseDate, UnixSecondsHonourTheOffset) {
  EXPECT_EQ(parse_date("1970-01-01T01:00:00+01:00")->unix_seconds(), 0);
  EXPECT_EQ(parse_date("2022-03-01T18:00:02+01:00")->unix_seconds(), 1646154002);
}

TEST(ParseDate, FrenchAndEnglishLongForms) {
  EXPECT_EQ(iso("1er mars 2022"), "2022-03-01");
  EXPECT_EQ(iso("lundi 3 janvier 2022"), "2022-01-03");
  EXPECT_EQ(iso("14 février 2019"), "2019-02-14");
  EXPECT_EQ(iso("14 fevrier 2019"), "2019-02-14");
  EXPECT_EQ(iso("15 août 2021"), "2021-08-15");
  EXPECT_EQ(iso("25 DÉCEMBRE 2020"), "2020-12-25");
  EXPECT_EQ(iso("Sep 14, 2024"), "2024-09-14");
  EXPECT_EQ(iso("September 14, 2024"), "2024-09-14");
  EXPECT_EQ(iso("14/09/2024"), "2024-09-14");
  EXPECT_EQ(iso("3.1.2022"), "2022-01-03");
}

TEST(ParseDate, RejectsImpossibleAndOddDates) {
  EXPECT_EQ(iso("2022-02-30"), "none");
  EXPECT_EQ(iso("2021-02-29"), "none");
  EXPECT_EQ(iso("2020-02-29"), "2020-02-29");
  EXPECT_EQ(iso("0001-01-01"), "none");
  EXPECT_EQ(iso("9999-12-31"), "none");
  EXPECT_EQ(iso("32 mars 2022"), "none");
  EXPECT_EQ(iso("hier"), "none");
  EXPECT_EQ(iso(""), "none");
  EXPECT_EQ(iso("2022-03-01T25:00:00"), "none");
  EXPECT_EQ(iso("2022-03-01 et autre chose"), "none");
}

TEST(FindDate, InsideProse) {
  EXPECT_EQ(find_date("11 min read Sep 14, 2024")->iso(), "2024-09-14");
  EXPECT_EQ(find_date("Publié le 3 mars 2022 à 10h")->iso(), "2022-03-03");
  EXPECT_EQ(find_date("mis à jour 2021-06-01T08:00:00+02:00")->compact(), "20210601");
  EXPECT_FALSE(find_date("aucune date ici, 12 pommes"));
}

TEST(DateBound, PartialDatesCoverTheWholePeriod) {
  EXPECT_EQ(parse_date_bound("2022", false)->compact(), "20220101");
  EXPECT_EQ(parse_date_bound("2022", true)->compact(), "20221231");
  EXPECT_EQ(parse_date_bound("2022-02", true)->compact(), "20220228");
  EXPECT_EQ(parse_date_bound("2024-02", true)->compact(), "20240229");
  EXPECT_EQ(parse_date_bound("03/2022", false)->compact(), "20220301");
  EXPECT_EQ(parse_date_bound("2022-03-15", true)->compact(), "20220315");
  EXPECT_FALSE(parse_date_bound("2022-13", false));
  EXPECT_FALSE(parse_date_bound("demain", false));
}

}  // namespace
}  // namespace gazette
