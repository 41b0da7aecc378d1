// Workflow files: references between blocks, checked before anything runs.
#include "workflow.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;
using namespace thrive::cli;

TEST(Workflow, LoneReferenceKeepsTypeAndSplicedReferenceBecomesText) {
    json::object scope{{"starter", json::parse(R"({"user":{"id":"u1","tags":["a","b"],"n":3}})")}};
    EXPECT_EQ(resolve_references(json::value("{{starter.user.tags}}"), scope), json::parse(R"(["a","b"])"));
    EXPECT_EQ(resolve_references(json::value("{{ starter.user.n }}"), scope), json::value(3));
    EXPECT_EQ(resolve_references(json::value("id={{starter.user.id}}, n={{starter.user.n}}"), scope),
              json::value("id=u1, n=3"));
    EXPECT_EQ(resolve_references(json::parse(R"({"users":["{{starter.user.id}}"]})"), scope),
              json::parse(R"({"users":["u1"]})"));
    EXPECT_EQ(resolve_references(json::value("{{starter.user.tags.1}}"), scope), json::value("b"));
    EXPECT_EQ(resolve_references(json::value("{{starter.user.tags[0]}}"), scope), json::value("a"));
}

TEST(Workflow, MissingPathsNameTheBlockAndThePart) {
    json::object scope{{"starter", json::parse(R"({"user":{"id":"u1"}})")}};
    try {
        resolve_references(json::value("{{starter.user.ref}}"), scope);
        FAIL() << "expected a WorkflowError";
    } catch (const WorkflowError& e) {
        EXPECT_NE(std::string(e.what()).find("'ref'"), std::string::npos) << e.what();
    }
}

TEST(Workflow, ReferencesToLaterOrUnknownBlocksAreRefusedUpFront) {
    EXPECT_THROW(parse_workflow(R"({"blocks":[{"id":"a","tool":"t","params":{"x":"{{b.id}}"}},{"id":"b","tool":"t"}]})"),
                 WorkflowError);
    EXPECT_THROW(parse_workflow(R"({"blocks":[{"id":"a","tool":"t","params":{"x":"{{a.id}}"}}]})"), WorkflowError);
    EXPECT_THROW(parse_workflow(R"({"blocks":[{"id":"a","tool":"t"},{"id":"a","tool":"t"}]})"), WorkflowError);
    EXPECT_THROW(parse_workflow(R"({"blocks":[]})"), WorkflowError);
    EXPECT_THROW(parse_workflow(R"({"blocks":[{"tool":"t"}]})"), WorkflowError);
    // Misspelt keys are refused, not skipped.
    EXPECT_THROW(parse_workflow(R"({"blocks":[{"id":"a","tool":"t","expects":{"x":1}}]})"), WorkflowError);
    EXPECT_THROW(parse_workflow(R"({"block":[],"blocks":[{"id":"a","tool":"t"}]})"), WorkflowError);
    EXPECT_THROW(parse_workflow(R"({"blocks":[{"id":"run","tool":"t"}]})"), WorkflowError);
    auto wf = parse_workflow(
        R"({"vars":{"v":1},"blocks":[{"id":"a","tool":"t","params":{"x":"{{vars.v}}"},"expect":{"ok":"{{a.x}}"}},{"id":"b","tool":"t","params":{"y":"{{a.id}}","z":"{{run.id}}"}}]})");
    EXPECT_EQ(wf.blocks.size(), 2u);
}

TEST(Workflow, DryRunPlaceholdersStandInForMissingOutputs) {
    json::object scope{{"cohort", json::parse(R"({"method":"POST"})")}};
    EXPECT_EQ(resolve_references(json::value("{{cohort.audience.id}}"), scope, true), json::value("<cohort.audience.id>"));
    EXPECT_EQ(resolve_references(json::value("a/{{cohort.audience.id}}"), scope, true), json::value("a/<cohort.audience.id>"));
    EXPECT_THROW(resolve_references(json::value("{{cohort.audience.id}}"), scope, false), WorkflowError);
}
