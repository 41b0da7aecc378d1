#include "fixture.hpp"

namespace thrive::standin::testing {

namespace {
std::string with_page(const std::string& target, int page, int per_page) {
    return target + (target.find('?') == std::string::npos ? "?" : "&") + "page=" + std::to_string(page) +
           "&perPage=" + std::to_string(per_page);
}
}  // namespace

std::vector<json::value> walk_envelope(TestClient& client, const std::string& target, int per_page) {
    std::vector<json::value> all;
    for (int page = 1; page < 10000; ++page) {
        auto r = client.get(with_page(target, page, per_page));
        EXPECT_EQ(r.status, 200) << r.body;
        if (r.status != 200) break;
        auto v = r.json();
        const auto& p = v.at("pagination");
        EXPECT_EQ(p.at("page").as_int64(), page);
        EXPECT_EQ(p.at("perPage").as_int64(), per_page);
        for (const auto& item : v.at("results").as_array()) all.push_back(item);
        if (page >= p.at("totalPages").as_int64()) {
            EXPECT_EQ(static_cast<std::int64_t>(all.size()), p.at("totalResults").as_int64());
            break;
        }
    }
    return all;
}

std::vector<json::value> walk_bare(TestClient& client, const std::string& target, int per_page) {
    std::vector<json::value> all;
    for (int page = 1; page < 10000; ++page) {
        auto r = client.get(with_page(target, page, per_page));
        EXPECT_EQ(r.status, 200) << r.body;
        if (r.status != 200) break;
        auto v = r.json();
        EXPECT_TRUE(v.is_array());
        for (const auto& item : v.as_array()) all.push_back(item);
        if (static_cast<int>(v.as_array().size()) < per_page) break;
    }
    return all;
}

}  // namespace thrive::standin::testing
