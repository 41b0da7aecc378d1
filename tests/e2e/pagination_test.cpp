// Pagination walked to the end through the plugin, for both list shapes:
// envelopes ({results, pagination}) and bare arrays (until a short page).
#include "e2e_harness.hpp"

#include <set>

namespace thrive::e2e {
namespace {

using PaginationE2E = E2ETest;

TEST_F(PaginationE2E, SearchUsersEnvelopeWalkedToTheEndPerPage37) {
    constexpr int kPerPage = 37;
    std::set<std::string> ids;
    int sum = 0, total_results = -1, total_pages = -1;
    int page = 1;
    for (; page <= 100; ++page) {
        Outcome o = h->call("thrive_search_users", {{"page", page}, {"perPage", kPerPage}});
        ASSERT_TRUE(o.ok()) << o.raw;
        ASSERT_TRUE(is_envelope(o.output(), shapes::user_full, "search_users page " + std::to_string(page)));
        const auto& p = o.output().at("pagination");
        const auto& results = o.output().at("results").as_array();
        EXPECT_EQ(p.at("page").to_number<int>(), page);
        EXPECT_EQ(p.at("perPage").to_number<int>(), kPerPage);
        if (total_results < 0) {
            total_results = p.at("totalResults").to_number<int>();
            total_pages = p.at("totalPages").to_number<int>();
        }
        // The totals do not move while we walk.
        EXPECT_EQ(p.at("totalResults").to_number<int>(), total_results);
        EXPECT_EQ(p.at("totalPages").to_number<int>(), total_pages);
        sum += static_cast<int>(results.size());
        for (const auto& u : results) EXPECT_TRUE(ids.insert(str(u, "id")).second) << "duplicate id " << str(u, "id");
        if (page < total_pages) {
            EXPECT_EQ(results.size(), static_cast<std::size_t>(kPerPage)) << "page " << page;
        }
        if (page >= total_pages) break;
    }
    EXPECT_EQ(total_results, sf::kUserCount);
    EXPECT_EQ(total_pages, (sf::kUserCount + kPerPage - 1) / kPerPage);
    EXPECT_EQ(page, total_pages);
    EXPECT_EQ(sum, total_results);
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(total_results));

    // One page past the end: an empty page, same totals.
    Outcome past = h->call("thrive_search_users", {{"page", total_pages + 1}, {"perPage", kPerPage}});
    ASSERT_TRUE(past.ok()) << past.raw;
    EXPECT_TRUE(past.output().at("results").as_array().empty());
    EXPECT_EQ(past.output().at("pagination").at("totalResults").to_number<int>(), total_results);
}

// Walks a bare-array list with `perPage` until a page shorter than perPage.
std::vector<std::string> walk_bare(Harness& e2e, const std::string& tool, const char* key, int per_page,
                                   json::object params, int* pages_out) {
    std::vector<std::string> ids;
    int page = 1;
    for (; page <= 1000; ++page) {
        params["page"] = page;
        params["perPage"] = per_page;
        json::object out = e2e.ok(tool, params);
        EXPECT_EQ(out.size(), 1u) << tool << ": a bare list has only its key";
        const auto& items = out.at(key).as_array();
        EXPECT_LE(items.size(), static_cast<std::size_t>(per_page));
        for (const auto& v : items) ids.push_back(str(v, "id"));
        if (items.size() < static_cast<std::size_t>(per_page)) break;
    }
    *pages_out = page;
    return ids;
}

TEST_F(PaginationE2E, ListCompletionsBareArrayWalkedUntilAShortPage) {
    // All at once (perPage 1000 covers the seeded ~400) as the reference.
    json::object all = h->ok("thrive_list_completions", {{"perPage", 1000}});
    ASSERT_TRUE(is_bare_list(all, "completions", shapes::completion, "list_completions"));
    const auto& everything = all.at("completions").as_array();
    ASSERT_GT(everything.size(), 100u);
    ASSERT_LT(everything.size(), 1000u);

    int pages = 0;
    auto ids = walk_bare(*h, "thrive_list_completions", "completions", 40, {}, &pages);
    EXPECT_EQ(ids.size(), everything.size());
    EXPECT_EQ(pages, static_cast<int>(everything.size() / 40 + 1));
    std::set<std::string> unique(ids.begin(), ids.end());
    EXPECT_EQ(unique.size(), ids.size()) << "duplicate completion ids across pages";
    EXPECT_EQ(ids, ids_of(everything)) << "pages concatenate to the unpaged list, in order";
}

TEST_F(PaginationE2E, ListAssignmentsBareArrayWalkedUntilAShortPage) {
    int pages = 0;
    auto ids = walk_bare(*h, "thrive_list_assignments", "assignments", 2, {}, &pages);
    EXPECT_EQ(static_cast<int>(ids.size()), sf::kVisibleAssignmentCount);
    EXPECT_EQ(pages, sf::kVisibleAssignmentCount / 2 + 1);
    std::set<std::string> unique(ids.begin(), ids.end());
    EXPECT_EQ(unique.size(), ids.size());
    EXPECT_FALSE(unique.count(seed_id(IdKind::assignment, sf::kDeletedAssignment))) << "deleted assignment listed";
}

TEST_F(PaginationE2E, AudienceMembersEnvelopeWalkedToTheEnd) {
    // All staff: walk its members 25 at a time.
    const std::string aid = seed_id(IdKind::audience, sf::kAllStaffAudience);
    std::set<std::string> ids;
    int total = -1, sum = 0;
    for (int page = 1; page <= 100; ++page) {
        json::object out = h->ok("thrive_list_audience_members", {{"audienceId", aid}, {"page", page}, {"perPage", 25}});
        ASSERT_TRUE(is_envelope(out, shapes::member, "list_audience_members"));
        total = out.at("pagination").at("totalResults").to_number<int>();
        const auto& results = out.at("results").as_array();
        sum += static_cast<int>(results.size());
        for (const auto& m : results) EXPECT_TRUE(ids.insert(str(m, "userId")).second);
        if (page >= out.at("pagination").at("totalPages").to_number<int>()) break;
    }
    EXPECT_EQ(total, sf::kActiveUsers + sf::kNewUsers) << "All staff = every active or new user";
    EXPECT_EQ(sum, total);
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(total));
}

}  // namespace
}  // namespace thrive::e2e
