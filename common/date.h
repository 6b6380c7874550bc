// Calendar dates as news archives write them. Parses ISO 8601 timestamps
// (with or without offset), bare dates, and the long French and English forms
// found in copied pages ("1er mars 2022", "lundi 3 janvier 2022",
// "Sep 14, 2024", "14/09/2024"). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gazette {

struct Date {
  int year = 0, month = 0, day = 0;      // month and day are 1-based
  int hour = 0, minute = 0, second = 0;  // local time as written
  int offset_minutes = 0;                // UTC offset of the local time

  bool valid() const { return year != 0; }
  // "YYYYMMDD", the sortable form stored in the date value slot.
  std::string compact() const;
  // "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss+hh:mm" when a time was given.
  std::string iso() const;
  // Seconds since 1970-01-01T00:00:00Z.
  int64_t unix_seconds() const;
  bool has_time = false;
};

// Years outside this range are rejected as typos or placeholders (0001, 9999).
inline constexpr int kMinYear = 1800;
inline constexpr int kMaxYear = 2100;

// A whole timestamp or date, in any of the forms above; nullopt when the text
// is not a date or names an impossible day (2022-02-30).
std::optional<Date> parse_date(std::string_view text);

// The first date found inside a longer line of prose, e.g.
// "11 min read Sep 14, 2024" or "Publié le 3 mars 2022 à 10h".
std::optional<Date> find_date(std::string_view text);

// The "YYYYMMDD" form that Date::compact() writes.
std::optional<Date> parse_compact_date(std::string_view yyyymmdd);

// RFC 3339 in UTC to the second ("2026-11-30T21:50:20Z"): of a moment in
// seconds since 1970, and of now.
std::string utc_timestamp(int64_t unix_seconds);
std::string utc_now();

// A partial date for query ranges: "2022", "2022-03", "03/2022", a full date.
// `end` picks the last day of the period instead of the first.
std::optional<Date> parse_date_bound(std::string_view text, bool end);

}  // namespace gazette
