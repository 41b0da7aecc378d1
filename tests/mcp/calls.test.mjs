// tools/call through the SDK client: successes (structuredContent = the text),
// tool failures (isError naming the field or the HTTP status), operator
// settings refused, progress notifications, cancellation of a slow call.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import { connectSdkClient, RawPeer } from "./support/mcp_client.mjs";
import { Standin, STANDIN_API_KEY } from "./support/standin.mjs";

let standin;
let session;
let client;
let outputValidators;

before(async () => {
  standin = await Standin.start();
  session = await connectSdkClient(standin.serverEnv());
  client = session.client;
  const { tools } = await client.listTools(); // also primes the SDK's outputSchema validation
  outputValidators = new Map(tools.map((t) => [t.name, new Ajv2020({ strict: true }).compile(t.outputSchema)]));
});
after(async () => {
  await client?.close();
  await standin?.stop();
});
afterEach(async () => {
  await standin.clearFaults();
});

// Resolves once the stand-in has received one more API request than `before`.
async function requestReachedStandin(before, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while ((await standin.stats()).requests <= before) {
    if (Date.now() > deadline) throw new Error("the request never reached the stand-in");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitForLog(log, pattern, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(log())) {
    if (Date.now() > deadline) throw new Error(`the server log never matched ${pattern}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function textOf(result) {
  assert.equal(result.content.length, 1);
  assert.equal(result.content[0].type, "text");
  return result.content[0].text;
}

function assertSuccess(name, result) {
  assert.notEqual(result.isError, true, `${name} failed: ${result.content?.[0]?.text}`);
  assert.deepEqual(result.structuredContent, JSON.parse(textOf(result)));
  const validate = outputValidators.get(name);
  assert.ok(validate(result.structuredContent), `${name}: ${JSON.stringify(validate.errors)}`);
  return result.structuredContent;
}

describe("calls that succeed", () => {
  const reads = [
    ["thrive_get_user_by_ref", { ref: "EMP0001" }, (out) => assert.equal(out.user.ref, "EMP0001")],
    ["thrive_search_users", { perPage: 5 }, (out) => assert.ok(out.results.length > 0 && out.pagination)],
    ["thrive_list_audiences", { perPage: 3 }, (out) => assert.equal(out.results.length, 3)],
    ["thrive_query_content", { types: "elearning", perPage: 2 }, (out) => assert.ok(out.results.every((c) => c.type === "elearning"))],
    ["thrive_list_tags", { perPage: 2 }, (out) => assert.ok(Array.isArray(out.results))],
    ["thrive_get_skill_levels", {}, (out) => assert.ok(out.levels.length > 0)],
    ["thrive_query_activities", { perPage: 2 }, (out) => assert.ok(Array.isArray(out.results))],
    ["thrive_query_cpd_categories", {}, (out) => assert.ok(Array.isArray(out.results))],
    ["thrive_list_assignments", {}, (out) => assert.ok(Array.isArray(out.assignments))],
  ];
  for (const [name, args, check] of reads) {
    test(`${name} returns structuredContent equal to its text`, async () => {
      check(assertSuccess(name, await client.callTool({ name, arguments: args })));
    });
  }

  test("every read-only tool that needs no arguments answers within its outputSchema", async () => {
    const { tools } = await client.listTools();
    const free = tools.filter((t) => t.annotations.readOnlyHint && !(t.inputSchema.required ?? []).length);
    assert.ok(free.length >= 8, `only ${free.length} such tools`);
    for (const tool of free) assertSuccess(tool.name, await client.callTool({ name: tool.name, arguments: {} }));
  });

  test("every read-only tool that takes an id answers within its outputSchema (ids from the lists)", async () => {
    const call = async (name, args) => assertSuccess(name, await client.callTool({ name, arguments: args }));
    const first = async (name, args = {}) => {
      const out = await call(name, args);
      const list = out.results ?? Object.values(out).find(Array.isArray);
      assert.ok(list?.length > 0, `${name} listed nothing`);
      return list[0];
    };
    const user = await first("thrive_search_users");
    await call("thrive_get_user_by_id", { id: user.id });
    const audience = await first("thrive_list_audiences");
    await call("thrive_get_audience", { audienceId: audience.id });
    await call("thrive_list_audience_members", { audienceId: audience.id });
    await call("thrive_list_audience_managers", { audienceId: audience.id });
    const assignment = await first("thrive_list_assignments");
    await call("thrive_get_assignment", { assignmentId: assignment.id });
    const enrolment = await first("thrive_list_enrolments", { assignmentId: assignment.id });
    await call("thrive_get_enrolment", { assignmentId: assignment.id, enrolmentId: enrolment.id });
    await call("thrive_get_completion", { id: (await first("thrive_list_completions")).id });
    await call("thrive_get_content", { id: (await first("thrive_query_content")).id });
    await call("thrive_get_activity", { id: (await first("thrive_query_activities")).id });
    await call("thrive_get_tag", { tagId: (await first("thrive_list_tags")).id });
    await call("thrive_get_cpd_category", { categoryId: (await first("thrive_query_cpd_categories")).categoryId });
    await call("thrive_get_cpd_entry", { logEntryId: (await first("thrive_query_cpd_entries")).logEntryId });
    await call("thrive_get_cpd_requirement", {
      audienceRequirementId: (await first("thrive_query_cpd_requirements")).audienceRequirementId,
    });
    await call("thrive_query_cpd_user_summaries", { entryDateFrom: "2024-01-01T00:00:00", entryDateTo: "2026-12-31T23:59:59" });
  });

  test("scalars a model sends as strings are accepted (\"5\" for perPage)", async () => {
    const out = assertSuccess("thrive_search_users", await client.callTool({ name: "thrive_search_users", arguments: { perPage: "5" } }));
    assert.equal(out.results.length, 5);
  });

  test("several calls in flight at once all complete", async () => {
    const refs = ["EMP0001", "EMP0002", "EMP0004", "EMP0005", "EMP0006", "EMP0007"];
    const results = await Promise.all(refs.map((ref) => client.callTool({ name: "thrive_get_user_by_ref", arguments: { ref } })));
    assert.deepEqual(results.map((r) => assertSuccess("thrive_get_user_by_ref", r).user.ref), refs);
  });
});

describe("calls that fail", () => {
  test("a missing required argument: isError naming the field, no structuredContent", async () => {
    const result = await client.callTool({ name: "thrive_create_user", arguments: { ref: "X-1", lastName: "Doe" } });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent, undefined);
    assert.match(textOf(result), /firstName/);
    assert.match(textOf(result), /invalid_params/);
  });

  test("a badly typed argument names the field", async () => {
    const result = await client.callTool({ name: "thrive_search_users", arguments: { perPage: "many" } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /perPage/);
  });

  test("a bad item inside a JSON field names the field", async () => {
    const result = await client.callTool({ name: "thrive_add_user_tags", arguments: { userId: "x", tags: [] } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /tags/);
  });

  test("an argument the tool does not have names it", async () => {
    const result = await client.callTool({ name: "thrive_get_user_by_ref", arguments: { ref: "EMP0001", colour: "blue" } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /colour/);
  });

  test("404 from the service: isError with the HTTP status and code", async () => {
    const result = await client.callTool({ name: "thrive_get_user_by_ref", arguments: { ref: "NO-SUCH-PERSON" } });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent, undefined);
    assert.match(textOf(result), /404/);
    assert.match(textOf(result), /not_found/);
  });

  test("a server error from the service names the status", async () => {
    await standin.addFault({ fault: "status", status: 500, count: -1, pathPrefix: "/rest/v1/users" });
    const result = await client.callTool({ name: "thrive_get_user_by_ref", arguments: { ref: "EMP0001" } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /500/);
  });

  for (const field of ["tenantId", "apiKey", "host"]) {
    test(`an operator setting in the arguments (${field}) is refused, naming it`, async () => {
      const before = (await standin.stats()).requests;
      const result = await client.callTool({ name: "thrive_get_user_by_ref", arguments: { ref: "EMP0001", [field]: "attacker.example" } });
      assert.equal(result.isError, true);
      assert.equal(result.structuredContent, undefined);
      assert.match(textOf(result), new RegExp(field));
      assert.match(textOf(result), /operator/);
      assert.equal((await standin.stats()).requests, before, "nothing was sent");
    });
  }

  test("no result text ever carries the API key", async () => {
    const result = await client.callTool({ name: "thrive_get_user_by_ref", arguments: { ref: "NO-SUCH-PERSON" } });
    assert.ok(!JSON.stringify(result).includes(STANDIN_API_KEY));
    assert.ok(!session.log().includes(STANDIN_API_KEY));
  });
});

describe("progress", () => {
  test("the SDK's onprogress sees the progress of a call that carries a progress token", async () => {
    // A call slow enough that the start notification travels on its own.
    await standin.addFault({ fault: "latency", latencyMs: 400, count: 1, pathPrefix: "/rest/v1/tags" });
    const seen = [];
    const result = await client.callTool({ name: "thrive_list_tags", arguments: { perPage: 1 } }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    assertSuccess("thrive_list_tags", result);
    // The SDK hands notifications to onprogress a microtask later but settles
    // the request at once, so the final notification, which arrives right
    // before the answer, may be dropped by the client; the first one is seen.
    assert.ok(seen.length >= 1);
    assert.equal(seen[0].progress, 0);
    assert.equal(seen[0].total, 1);
    assert.match(seen[0].message, /thrive_list_tags/);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].progress > seen[i - 1].progress);
  });

  test("raw: one notification at the start, one just before the result, none without a token", async () => {
    const peer = new RawPeer(standin.serverEnv());
    try {
      await peer.initialize();
      await peer.request(1, "tools/call", { name: "thrive_list_tags", arguments: { perPage: 1 }, _meta: { progressToken: 77 } });
      const lines = peer.messages;
      const answerAt = lines.findIndex((m) => m.id === 1);
      const progress = lines.map((m, i) => [m, i]).filter(([m]) => m.method === "notifications/progress");
      assert.equal(progress.length, 2);
      assert.deepEqual(progress.map(([m]) => m.params.progressToken), [77, 77]);
      assert.deepEqual(progress.map(([m]) => m.params.progress), [0, 1]);
      assert.ok(progress.every(([, i]) => i < answerAt), "progress comes before the answer");
      await peer.request(2, "tools/call", { name: "thrive_list_tags", arguments: { perPage: 1 } });
      assert.equal(peer.messages.filter((m) => m.method === "notifications/progress").length, 2);
    } finally {
      await peer.close();
    }
  });
});

describe("cancellation", () => {
  test("aborting a slow call through the SDK's AbortSignal stops it; the server stays healthy", async () => {
    await standin.addFault({ fault: "latency", latencyMs: 5000, count: 1, pathPrefix: "/rest/v1/tags" });
    const before = (await standin.stats()).requests;
    const controller = new AbortController();
    const slow = client.callTool({ name: "thrive_list_tags", arguments: { perPage: 1 } }, undefined, { signal: controller.signal });
    await requestReachedStandin(before); // the HTTP request is now waiting in the stand-in
    const started = Date.now();
    controller.abort("the user changed their mind");
    await assert.rejects(slow);
    assert.ok(Date.now() - started < 1000, "the abort returned promptly");
    await waitForLog(session.log, /"?\d+"? \(thrive_list_tags\) stopped/);

    // Healthy afterwards: ping and a real call answer quickly.
    await client.ping();
    const t0 = Date.now();
    assertSuccess("thrive_get_user_by_ref", await client.callTool({ name: "thrive_get_user_by_ref", arguments: { ref: "EMP0001" } }));
    assert.ok(Date.now() - t0 < 2000);
    assert.match(session.log(), /cancelled by the client/);
  });

  test("raw: notifications/cancelled stops the HTTP call and no answer is ever sent for it", async () => {
    const peer = new RawPeer(standin.serverEnv());
    try {
      await peer.initialize();
      await standin.addFault({ fault: "latency", latencyMs: 2500, count: 1, pathPrefix: "/rest/v1/tags" });
      const before = (await standin.stats()).requests;
      peer.send({ jsonrpc: "2.0", id: "slow", method: "tools/call", params: { name: "thrive_list_tags", arguments: {}, _meta: { progressToken: "t" } } });
      await peer.waitFor((m) => m.method === "notifications/progress" && m.params.progressToken === "t");
      await requestReachedStandin(before);
      peer.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: "slow", reason: "test" } });
      // The plugin's HTTP exchange ends at once, not when the 2.5 s fault would.
      await waitForLog(() => peer.log(), /"slow" \(thrive_list_tags\) stopped/, 1000);
      const ping = await peer.request("after", "ping");
      assert.deepEqual(ping.result, {});
      const call = await peer.request("next", "tools/call", { name: "thrive_get_skill_levels", arguments: {} });
      assert.notEqual(call.result.isError, true);
      await new Promise((r) => setTimeout(r, 3000)); // past the fault's latency
      assert.ok(!peer.messages.some((m) => m.id === "slow"), "a cancelled request gets no answer");
      const progress = peer.messages.filter((m) => m.params?.progressToken === "t");
      assert.equal(progress.length, 1, "no final progress for a cancelled call");
    } finally {
      const { code } = await peer.close();
      assert.equal(code, 0);
    }
  });

  test("EOF right after a quick call: the call is still answered before the server exits", async () => {
    const peer = new RawPeer(standin.serverEnv());
    await peer.initialize();
    peer.send({ jsonrpc: "2.0", id: "piped", method: "tools/call", params: { name: "thrive_get_skill_levels", arguments: {} } });
    const { code } = await peer.close();
    assert.equal(code, 0);
    const answer = peer.messages.find((m) => m.id === "piped");
    assert.ok(answer, "the piped call was answered");
    assert.notEqual(answer.result.isError, true);
  });

  test("EOF with a slow call in flight: after the grace period it is cancelled and the server exits 0", async () => {
    const peer = new RawPeer(standin.serverEnv());
    await peer.initialize();
    await standin.addFault({ fault: "latency", latencyMs: 5000, count: 1, pathPrefix: "/rest/v1/tags" });
    const before = (await standin.stats()).requests;
    peer.send({ jsonrpc: "2.0", id: "left", method: "tools/call", params: { name: "thrive_list_tags", arguments: {} } });
    await requestReachedStandin(before);
    const t0 = Date.now();
    const { code } = await peer.close();
    assert.equal(code, 0);
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
    assert.ok(!peer.messages.some((m) => m.id === "left"));
  });
});
