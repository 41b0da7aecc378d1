#include "net/retry_after.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace thrive::net {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// 2026-03-01 12:00:00 UTC
const system_clock::time_point kNow = sys_days{year{2026} / March / 1} + 12h;

std::optional<milliseconds> parse(std::string_view v) { return parse_retry_after(v, kNow); }

TEST(RetryAfterTest, DeltaSeconds) {
    EXPECT_EQ(parse("0"), 0ms);
    EXPECT_EQ(parse("1"), 1000ms);
    EXPECT_EQ(parse("120"), 120'000ms);
    EXPECT_EQ(parse("  7\t"), 7000ms);
    EXPECT_EQ(parse("007"), 7000ms);
}

TEST(RetryAfterTest, HugeDeltaSaturates) {
    auto v = parse("99999999999999999999999999");
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(*v, milliseconds::max());
    EXPECT_GT(*parse("9999999999"), hours(24 * 365));
}

TEST(RetryAfterTest, Garbage) {
    for (const char* bad : {"", "   ", "-1", "+5", "1.5", "5s", "abc", "1 2", "0x10",
                            "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC",
                            "Sun, 32 Jan 2026 00:00:00 GMT", "Sun, 29 Feb 2026 00:00:00 GMT",
                            "Sun, 06 Foo 2026 00:00:00 GMT", "Sun, 06 Nov 2026 24:00:00 GMT",
                            "Sun, 06 Nov 2026 23:60:00 GMT", "Xyz, 06 Nov 2026 08:49:37 GMT",
                            "Sun, 6 Nov 2026 08:49:37 GMT", "Sunday, 06 Nov 2026 08:49:37 GMT",
                            "Sun, 06 Nov 2026 08:49:37 GMT trailing", "Sun Nov 2026"}) {
        EXPECT_FALSE(parse(bad).has_value()) << '"' << bad << '"';
    }
}

TEST(RetryAfterTest, ImfFixdateInTheFuture) {
    EXPECT_EQ(parse("Sun, 01 Mar 2026 12:00:30 GMT"), 30s);
    EXPECT_EQ(parse("Mon, 02 Mar 2026 12:00:00 GMT"), 24h);
}

TEST(RetryAfterTest, PastAndPresentDatesAreZero) {
    EXPECT_EQ(parse("Sun, 06 Nov 1994 08:49:37 GMT"), 0ms);
    EXPECT_EQ(parse("Sun, 01 Mar 2026 12:00:00 GMT"), 0ms);
    EXPECT_EQ(parse("Sun, 01 Mar 2026 11:59:59 GMT"), 0ms);
}

TEST(RetryAfterTest, SubSecondNowIsAccountedFor) {
    const auto now = kNow + 250ms;
    EXPECT_EQ(parse_retry_after("Sun, 01 Mar 2026 12:00:01 GMT", now), 750ms);
}

TEST(RetryAfterTest, Rfc850Date) {
    EXPECT_EQ(parse("Sunday, 01-Mar-26 12:00:10 GMT"), 10s);
    // "94" is more than 50 years ahead as 2094, so it means 1994: in the past.
    EXPECT_EQ(parse("Sunday, 06-Nov-94 08:49:37 GMT"), 0ms);
    // "27" is 2027, not 1927.
    EXPECT_EQ(parse("Monday, 01-Mar-27 12:00:00 GMT"), hours(24 * 365));
}

TEST(RetryAfterTest, AsctimeDate) {
    EXPECT_EQ(parse("Sun Mar  1 12:00:05 2026"), 5s);
    EXPECT_EQ(parse("Sun Mar 1 12:00:05 2026"), 5s);
    EXPECT_EQ(parse("Tue Mar 10 12:00:00 2026"), hours(24 * 9));
    EXPECT_EQ(parse("Sun Nov  6 08:49:37 1994"), 0ms);
}

TEST(RetryAfterTest, FarFutureYearDoesNotOverflow) {
    auto v = parse("Fri, 31 Dec 9999 23:59:59 GMT");
    ASSERT_TRUE(v.has_value());
    EXPECT_GT(*v, hours(24 * 365 * 7000));
}

}  // namespace
}  // namespace thrive::net
