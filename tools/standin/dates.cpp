#include "dates.hpp"

#include <chrono>
#include <cstdio>

namespace thrive::standin {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` decimal digits at `pos`; advances pos.
bool read_digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    pos += n;
    return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

struct Fields {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
};

bool read_date(std::string_view s, std::size_t& pos, Fields& f) {
    return read_digits(s, pos, 4, f.year) && expect(s, pos, '-') && read_digits(s, pos, 2, f.month) &&
           expect(s, pos, '-') && read_digits(s, pos, 2, f.day);
}

bool read_hms(std::string_view s, std::size_t& pos, Fields& f) {
    return read_digits(s, pos, 2, f.hour) && expect(s, pos, ':') && read_digits(s, pos, 2, f.minute) &&
           expect(s, pos, ':') && read_digits(s, pos, 2, f.second);
}

std::optional<Millis> to_millis(const Fields& f) {
    if (f.month < 1 || f.month > 12) return std::nullopt;
    if (f.day < 1 || f.day > days_in_month(f.year, f.month)) return std::nullopt;
    if (f.hour > 23 || f.minute > 59 || f.second > 59) return std::nullopt;
    Millis days = days_from_civil(f.year, f.month, f.day);
    return ((days * 24 + f.hour) * 60 + f.minute) * 60 * kMillisPerSecond + f.second * kMillisPerSecond + f.millis;
}

}  // namespace

std::int64_t days_from_civil(int year, int month, int day) {
    // Shift the year so that it starts in March: the leap day is then the
    // last day of the (shifted) year and month lengths repeat in a 5-month cycle.
    const int y = month <= 2 ? year - 1 : year;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t year_of_era = y - era * 400;
    const std::int64_t shifted_month = month > 2 ? month - 3 : month + 9;
    const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

std::optional<Millis> parse_iso8601(std::string_view s) {
    Fields f;
    std::size_t pos = 0;
    if (!read_date(s, pos, f)) return std::nullopt;
    if (pos == s.size()) return to_millis(f);
    if (s[pos] != 'T' && s[pos] != 't') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, f.hour) || !expect(s, pos, ':') || !read_digits(s, pos, 2, f.minute))
        return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!read_digits(s, pos, 2, f.second)) return std::nullopt;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            std::size_t start = pos;
            int scale = 100;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                f.millis += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start) return std::nullopt;
        }
    }
    Millis offset = 0;
    if (pos < s.size()) {
        char c = s[pos];
        if (c == 'Z' || c == 'z') {
            ++pos;
        } else if (c == '+' || c == '-') {
            ++pos;
            int oh = 0, om = 0;
            if (!read_digits(s, pos, 2, oh)) return std::nullopt;
            if (pos < s.size() && s[pos] == ':') ++pos;
            if (pos < s.size() && !read_digits(s, pos, 2, om)) return std::nullopt;
            if (oh > 23 || om > 59) return std::nullopt;
            offset = (oh * 60 + om) * 60 * kMillisPerSecond * (c == '+' ? 1 : -1);
        } else {
            return std::nullopt;
        }
    }
    if (pos != s.size()) return std::nullopt;
    auto ms = to_millis(f);
    if (!ms) return std::nullopt;
    return *ms - offset;
}

std::optional<Millis> parse_space_datetime(std::string_view s) {
    Fields f;
    std::size_t pos = 0;
    if (!read_date(s, pos, f) || !expect(s, pos, ' ') || !read_hms(s, pos, f) || pos != s.size())
        return std::nullopt;
    return to_millis(f);
}

std::optional<Millis> parse_t_datetime(std::string_view s) {
    Fields f;
    std::size_t pos = 0;
    if (!read_date(s, pos, f) || !expect(s, pos, 'T') || !read_hms(s, pos, f) || pos != s.size())
        return std::nullopt;
    return to_millis(f);
}

std::string format_timestamp(Millis ms) {
    Millis days = ms >= 0 ? ms / kMillisPerDay : (ms - kMillisPerDay + 1) / kMillisPerDay;
    Millis rem = ms - days * kMillisPerDay;
    // Civil date from a day count (inverse of days_from_civil).
    std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    const int hour = static_cast<int>(rem / 3'600'000);
    const int minute = static_cast<int>(rem / 60'000 % 60);
    const int second = static_cast<int>(rem / 1000 % 60);
    const int milli = static_cast<int>(rem % 1000);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day, hour, minute, second,
                  milli);
    return buf;
}

Millis now_millis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace thrive::standin
