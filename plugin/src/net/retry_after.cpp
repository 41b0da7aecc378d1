#include "net/retry_after.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace thrive::net {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 7> kShortDays = {"Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_ows(char c) { return c == ' ' || c == '\t'; }

// A tiny forward-only scanner over the header value.
class Cursor {
public:
    explicit Cursor(std::string_view s) : s_(s) {}

    bool at_end() const { return i_ == s_.size(); }
    bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }

    bool lit(char c) {
        if (!peek(c)) return false;
        ++i_;
        return true;
    }

    // Case-insensitive keyword.
    bool word(std::string_view w) {
        if (s_.size() - i_ < w.size()) return false;
        for (std::size_t k = 0; k < w.size(); ++k)
            if (lower(s_[i_ + k]) != lower(w[k])) return false;
        i_ += w.size();
        return true;
    }

    template <std::size_t N>
    bool one_of(const std::array<std::string_view, N>& words, int& index) {
        for (std::size_t k = 0; k < N; ++k) {
            if (word(words[k])) {
                index = static_cast<int>(k);
                return true;
            }
        }
        return false;
    }

    // Exactly `n` digits.
    bool digits(int n, int& out) {
        int value = 0;
        for (int k = 0; k < n; ++k) {
            if (i_ >= s_.size() || !is_digit(s_[i_])) return false;
            value = value * 10 + (s_[i_] - '0');
            ++i_;
        }
        out = value;
        return true;
    }

    // One or two digits.
    bool short_number(int& out) {
        if (i_ >= s_.size() || !is_digit(s_[i_])) return false;
        out = s_[i_++] - '0';
        if (i_ < s_.size() && is_digit(s_[i_])) out = out * 10 + (s_[i_++] - '0');
        return true;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

struct Clock {
    int hour = 0, minute = 0, second = 0;
};

bool parse_time(Cursor& c, Clock& t) {
    return c.digits(2, t.hour) && c.lit(':') && c.digits(2, t.minute) && c.lit(':') &&
           c.digits(2, t.second) && t.hour <= 23 && t.minute <= 59 && t.second <= 60;
}

// IMF-fixdate after the day name: ", 06 Nov 1994 08:49:37 GMT"
bool parse_imf_rest(Cursor& c, int& y, int& m, int& d, Clock& t) {
    return c.lit(',') && c.lit(' ') && c.digits(2, d) && c.lit(' ') && c.one_of(kMonths, m) &&
           c.lit(' ') && c.digits(4, y) && c.lit(' ') && parse_time(c, t) && c.lit(' ') &&
           c.word("GMT") && c.at_end();
}

// RFC 850 after the day name: ", 06-Nov-94 08:49:37 GMT"
bool parse_rfc850_rest(Cursor& c, int& yy, int& m, int& d, Clock& t) {
    return c.lit(',') && c.lit(' ') && c.digits(2, d) && c.lit('-') && c.one_of(kMonths, m) &&
           c.lit('-') && c.digits(2, yy) && c.lit(' ') && parse_time(c, t) && c.lit(' ') &&
           c.word("GMT") && c.at_end();
}

// asctime after the day name: " Nov  6 08:49:37 1994"
bool parse_asctime_rest(Cursor& c, int& y, int& m, int& d, Clock& t) {
    if (!(c.lit(' ') && c.one_of(kMonths, m) && c.lit(' '))) return false;
    c.lit(' ');  // day is space-padded: "Nov  6"
    return c.short_number(d) && c.lit(' ') && parse_time(c, t) && c.lit(' ') &&
           c.digits(4, y) && c.at_end();
}

// RFC 9110: a two-digit year that would be more than 50 years in the future
// means the most recent past year with those last two digits.
int expand_two_digit_year(int yy, system_clock::time_point now) {
    const int current = static_cast<int>(year_month_day{floor<days>(now)}.year());
    int full = current - current % 100 + yy;
    if (full > current + 50) full -= 100;
    return full;
}

std::optional<milliseconds> until(int y, int m0, int d, const Clock& t,
                                  system_clock::time_point now) {
    const year_month_day date{year{y}, month{static_cast<unsigned>(m0 + 1)},
                              day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    // Millisecond arithmetic: safe for any 4-digit year, unlike nanosecond time points.
    const time_point<system_clock, milliseconds> target =
        sys_days{date} + hours{t.hour} + minutes{t.minute} + seconds{t.second};
    const auto current = floor<milliseconds>(now);
    if (target <= current) return milliseconds{0};
    return target - current;
}

std::optional<milliseconds> parse_delta_seconds(std::string_view v) {
    constexpr std::int64_t kMaxSeconds = std::numeric_limits<milliseconds::rep>::max() / 1000;
    std::int64_t secs = 0;
    for (char ch : v) {
        if (!is_digit(ch)) return std::nullopt;
        if (secs > (kMaxSeconds - (ch - '0')) / 10) return milliseconds::max();  // saturate
        secs = secs * 10 + (ch - '0');
    }
    return milliseconds{secs * 1000};
}

std::optional<milliseconds> parse_http_date(std::string_view v, system_clock::time_point now) {
    int y = 0, m = 0, d = 0, day_index = 0;
    Clock t;
    {
        Cursor c(v);  // long names first: "Monday" starts with "Mon"
        if (c.one_of(kLongDays, day_index)) {
            if (!parse_rfc850_rest(c, y, m, d, t)) return std::nullopt;
            return until(expand_two_digit_year(y, now), m, d, t, now);
        }
    }
    Cursor c(v);
    if (!c.one_of(kShortDays, day_index)) return std::nullopt;
    if (c.peek(',')) {
        if (!parse_imf_rest(c, y, m, d, t)) return std::nullopt;
    } else if (!parse_asctime_rest(c, y, m, d, t)) {
        return std::nullopt;
    }
    return until(y, m, d, t, now);
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) noexcept {
    try {
        while (!value.empty() && is_ows(value.front())) value.remove_prefix(1);
        while (!value.empty() && is_ows(value.back())) value.remove_suffix(1);
        if (value.empty()) return std::nullopt;
        if (is_digit(value.front())) return parse_delta_seconds(value);
        return parse_http_date(value, now);
    } catch (...) {
        return std::nullopt;
    }
}

}  // namespace thrive::net
