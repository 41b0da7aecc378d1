// Benchmarks of the call path that runs on every tool call (no network):
// validation and request building for a small and a large call, and the
// response mapping of a full page. Run:
//   cmake -S . -B build -DTHRIVE_BUILD_BENCHMARKS=ON && cmake --build build --target thrive_bench
//   build/bin/thrive_bench
#include "dispatch/dispatcher.hpp"
#include "http/response_mapper.hpp"
#include "registry/registry.hpp"

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

namespace json = boost::json;
using namespace thrive;

namespace {

class NoTransport final : public net::Transport {
public:
    void send(const http::Request&, std::shared_ptr<net::CancelToken>, net::Completion done) override {
        done(net::TransportResult{});
    }
};

std::unique_ptr<dispatch::Dispatcher> make_dispatcher() {
    dispatch::PluginConfig config;
    config.tenant_id = "eu-west-000000";
    config.api_key = "bench-key";
    return std::move(std::get<0>(dispatch::Dispatcher::create(config, std::make_shared<NoTransport>())));
}

void BM_DryRunCreateUser(benchmark::State& state) {
    auto d = make_dispatcher();
    const std::string params =
        R"({"ref":"E1001","firstName":"Amara","lastName":"Okafor","email":"amara@example.com","role":"learner",)"
        R"("startDate":"2026-12-07","sso":"false","additionalFields":"{\"department\":\"Care\"}"})";
    for (auto _ : state) benchmark::DoNotOptimize(d->dry_run("thrive_create_user", params));
}
BENCHMARK(BM_DryRunCreateUser);

void BM_DryRunReplaceManagers100(benchmark::State& state) {
    auto d = make_dispatcher();
    json::array managers;
    for (int i = 0; i < 100; ++i)
        managers.push_back(json::parse(
            R"({"reference":"m)" + std::to_string(i) +
            R"(@example.com","permissions":{"audienceManager":{"manageContent":true,"assignments":true},"peopleManager":{"canViewLearnPage":true,"insights":false,"manage":false},"administrator":{"canAddAudienceManagers":false}}})"));
    std::string params = json::serialize(json::object{{"audienceId", "a1"}, {"managers", json::serialize(managers)}});
    for (auto _ : state) benchmark::DoNotOptimize(d->dry_run("thrive_replace_audience_managers", params));
}
BENCHMARK(BM_DryRunReplaceManagers100);

void BM_MapUserPage1000(benchmark::State& state) {
    json::array results;
    for (int i = 0; i < 1000; ++i)
        results.push_back(json::object{{"id", std::to_string(i)}, {"ref", "E" + std::to_string(i)}, {"firstName", "A"},
                                       {"lastName", "B"}, {"email", "a@example.com"}, {"status", "active"}});
    net::TransportResult r;
    r.response.status = 200;
    r.response.body = json::serialize(json::object{
        {"results", results}, {"pagination", {{"totalResults", 1000}, {"totalPages", 1}, {"page", 1}, {"perPage", 1000}}}});
    const auto& tool = *registry::Registry::instance().find("thrive_search_users");
    for (auto _ : state) benchmark::DoNotOptimize(http::map_response(tool, r));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * r.response.body.size()));
}
BENCHMARK(BM_MapUserPage1000);

}  // namespace

BENCHMARK_MAIN();
