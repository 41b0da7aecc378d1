#include "params/date_formats.hpp"

#include <cctype>

namespace thrive::params {
namespace {

// Reads exactly n digits at pos into value; advances pos.
bool digits(std::string_view s, std::size_t& pos, int n, int& value) {
    if (pos + n > s.size()) return false;
    value = 0;
    for (int i = 0; i < n; ++i) {
        char c = s[pos + i];
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        value = value * 10 + (c - '0');
    }
    pos += n;
    return true;
}

bool literal(std::string_view s, std::size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

bool date(std::string_view s, std::size_t& pos) {
    int y, m, d;
    if (!digits(s, pos, 4, y) || !literal(s, pos, '-') || !digits(s, pos, 2, m) ||
        !literal(s, pos, '-') || !digits(s, pos, 2, d))
        return false;
    if (m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max;
}

bool time_hms(std::string_view s, std::size_t& pos, bool seconds_required) {
    int h, mi, se;
    if (!digits(s, pos, 2, h) || !literal(s, pos, ':') || !digits(s, pos, 2, mi)) return false;
    if (h > 23 || mi > 59) return false;
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!digits(s, pos, 2, se) || se > 59) return false;
    } else if (seconds_required) {
        return false;
    }
    return true;
}

}  // namespace

bool is_iso8601(std::string_view s) {
    std::size_t pos = 0;
    if (!date(s, pos)) return false;
    if (pos == s.size()) return true;
    if (s[pos] != 'T' && s[pos] != 't') return false;
    ++pos;
    if (!time_hms(s, pos, false)) return false;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
        if (pos == start) return false;
    }
    if (pos == s.size()) return true;
    if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
    if (s[pos] != '+' && s[pos] != '-') return false;
    ++pos;
    int oh, om;
    if (!digits(s, pos, 2, oh) || oh > 23) return false;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!digits(s, pos, 2, om) || om > 59) return false;
    return pos == s.size();
}

bool is_datetime_space(std::string_view s) {
    std::size_t pos = 0;
    return date(s, pos) && literal(s, pos, ' ') && time_hms(s, pos, true) && pos == s.size() &&
           s.size() == 19;
}

bool is_datetime_t(std::string_view s) {
    std::size_t pos = 0;
    return date(s, pos) && literal(s, pos, 'T') && time_hms(s, pos, true) && pos == s.size() &&
           s.size() == 19;
}

}  // namespace thrive::params
