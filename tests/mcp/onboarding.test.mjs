// An agent runs the onboarding workflow's steps through MCP against the
// stand-in: it discovers the tools, builds arguments that satisfy each
// inputSchema (checked with strict ajv, as a careful host would), calls the
// tool through the SDK client and reads the next step's inputs from
// structuredContent.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import { connectSdkClient } from "./support/mcp_client.mjs";
import { Standin } from "./support/standin.mjs";

let standin;
let client;
let toolsByName;

before(async () => {
  standin = await Standin.start();
  ({ client } = await connectSdkClient(standin.serverEnv()));
  const { tools } = await client.listTools();
  toolsByName = new Map(tools.map((t) => [t.name, t]));
});
after(async () => {
  await client?.close();
  await standin?.stop();
});

const steps = [];

// One agent step: arguments valid for the advertised schema, a call, the
// structured result.
async function step(name, args) {
  const tool = toolsByName.get(name);
  assert.ok(tool, `the agent cannot find ${name}`);
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(tool.inputSchema);
  assert.ok(validate(args), `${name} arguments do not fit its inputSchema: ${JSON.stringify(validate.errors)}`);
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${result.content?.[0]?.text}`);
  assert.deepEqual(result.structuredContent, JSON.parse(result.content[0].text));
  steps.push(name);
  return result.structuredContent;
}

test("the onboarding steps through MCP: new starter to leaver", async () => {
  const run = Date.now().toString(36);
  const today = new Date().toISOString().slice(0, 10);

  const course = (await step("thrive_query_content", { types: "elearning", perPage: 1 })).results[0];
  assert.ok(course?.id, "a course in the catalogue");

  const { user } = await step("thrive_create_user", {
    ref: `NS-${run}`,
    firstName: "Amara",
    lastName: "Okafor",
    email: `amara.okafor.${run}@example.com`,
    jobTitle: "Care Assistant",
    role: "learner",
    startDate: today,
    additionalFields: { department: "Care", site: "Leeds" },
  });
  assert.equal(user.ref, `NS-${run}`);
  assert.equal(user.active, true);

  const { audience } = await step("thrive_create_audience", {
    name: `New starters ${run}`,
    reference: `new-starters-${run}`,
    category: "audience",
  });
  assert.ok(audience.id);

  const placed = await step("thrive_add_audience_members", { audienceId: audience.id, users: [user.ref] });
  assert.equal(placed.result.success.count, 1);

  const { assignment } = await step("thrive_create_assignment", {
    audienceId: audience.id,
    contentId: course.id,
    completionPeriod: 14,
  });
  assert.ok(assignment.id);

  const { enrolments } = await step("thrive_list_enrolments", { assignmentId: assignment.id });
  const mine = enrolments.find((e) => e.userId === user.id);
  assert.ok(mine, "the starter is enrolled");
  assert.equal(mine.status, "open");

  const completion = await step("thrive_create_completion", {
    userId: user.id,
    contentId: course.id,
    completedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  });
  assert.ok(completion && typeof completion === "object");

  const { enrolment } = await step("thrive_get_enrolment", { assignmentId: assignment.id, enrolmentId: mine.id });
  assert.equal(enrolment.status, "complete");

  const tagged = await step("thrive_add_user_tags", { userId: user.id, tags: ["onboarding", "care"] });
  assert.ok(tagged.status >= 200 && tagged.status < 300, JSON.stringify(tagged));

  assert.equal(toolsByName.get("thrive_suspend_user").annotations.destructiveHint, true, "the agent is warned");
  const leaver = await step("thrive_suspend_user", { ref: user.ref, endDate: today });
  assert.equal(leaver.user.active, false);

  assert.deepEqual(steps, [
    "thrive_query_content",
    "thrive_create_user",
    "thrive_create_audience",
    "thrive_add_audience_members",
    "thrive_create_assignment",
    "thrive_list_enrolments",
    "thrive_create_completion",
    "thrive_get_enrolment",
    "thrive_add_user_tags",
    "thrive_suspend_user",
  ]);
});

test("a second look from a fresh MCP session sees what the agent did", async () => {
  const other = await connectSdkClient(standin.serverEnv());
  try {
    const found = await other.client.callTool({ name: "thrive_search_users", arguments: { perPage: 1000 } });
    assert.notEqual(found.isError, true, found.content?.[0]?.text);
    const starters = found.structuredContent.results.filter((u) => String(u.ref ?? "").startsWith("NS-"));
    assert.equal(starters.length, 1);
  } finally {
    await other.client.close();
  }
});
