// Lifecycle and JSON-RPC behaviour of `thrive mcp`: initialize and version
// negotiation (with the SDK client and raw), ping, error codes, batches,
// stdout hygiene, exit on EOF.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { connectSdkClient, RawPeer } from "./support/mcp_client.mjs";
import { Standin, STANDIN_API_KEY } from "./support/standin.mjs";

let standin;
before(async () => {
  standin = await Standin.start();
});
after(async () => {
  await standin?.stop();
});

describe("initialize with the SDK client", () => {
  test("negotiates the latest revision and names the server", async () => {
    const { client } = await connectSdkClient(standin.serverEnv());
    try {
      const info = client.getServerVersion();
      assert.equal(info.name, "thrive");
      assert.match(info.version, /^\d+\.\d+\.\d+/);
      assert.equal(info.title, "Thrive Learning");
      assert.deepEqual(client.getServerCapabilities().tools, { listChanged: false });
      assert.match(client.getInstructions() ?? "", /operator/);
      await client.ping();
    } finally {
      await client.close();
    }
  });

  test("an SDK client that asks for 2025-03-26 gets it: annotations, no outputSchema, no structuredContent", async () => {
    const { client } = await connectSdkClient(standin.serverEnv(), { initializeVersion: "2025-03-26" });
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 47);
      for (const tool of tools) {
        assert.equal(tool.outputSchema, undefined, tool.name);
        assert.equal(tool.title, undefined, tool.name);
        assert.equal(typeof tool.annotations.readOnlyHint, "boolean", tool.name);
      }
      const result = await client.callTool({ name: "thrive_get_skill_levels", arguments: {} });
      assert.notEqual(result.isError, true);
      assert.equal(result.structuredContent, undefined);
      assert.ok(Array.isArray(JSON.parse(result.content[0].text).levels));
    } finally {
      await client.close();
    }
  });
});

describe("initialize over raw JSON-RPC", () => {
  for (const version of ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]) {
    test(`a client asking for ${version} gets ${version}`, async () => {
      const peer = new RawPeer(standin.serverEnv());
      try {
        const answer = await peer.initialize(version);
        assert.equal(answer.result.protocolVersion, version);
        assert.equal(answer.result.serverInfo.name, "thrive");
        assert.ok(answer.result.capabilities.tools);
        const list = await peer.request(1, "tools/list");
        const tool = list.result.tools.find((t) => t.name === "thrive_get_user_by_ref");
        assert.equal("outputSchema" in tool, version >= "2025-06-18");
        assert.equal("annotations" in tool, version >= "2025-03-26");
        assert.equal("title" in tool, version >= "2025-06-18");
      } finally {
        await peer.close();
      }
    });
  }

  test("an unknown revision is answered with the latest", async () => {
    const peer = new RawPeer(standin.serverEnv());
    try {
      const answer = await peer.initialize("1999-01-01");
      assert.equal(answer.result.protocolVersion, "2025-11-25");
    } finally {
      await peer.close();
    }
  });

  test("a second initialize is refused; initialize without protocolVersion is -32602", async () => {
    const peer = new RawPeer(standin.serverEnv());
    try {
      const bad = await peer.request(7, "initialize", { capabilities: {} });
      assert.equal(bad.error.code, -32602);
      await peer.initialize();
      const again = await peer.request(8, "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "1" } });
      assert.equal(again.error.code, -32600);
    } finally {
      await peer.close();
    }
  });
});

describe("JSON-RPC errors", () => {
  let peer;
  before(async () => {
    peer = new RawPeer(standin.serverEnv());
    await peer.initialize();
  });
  after(async () => {
    await peer.close();
  });

  test("ping answers an empty result", async () => {
    const answer = await peer.request("p", "ping");
    assert.deepEqual(answer.result, {});
  });

  test("an unknown method is -32601", async () => {
    const answer = await peer.request(11, "resources/list");
    assert.equal(answer.error.code, -32601);
    assert.match(answer.error.message, /resources\/list/);
  });

  test("a line that is not JSON is -32700 with a null id", async () => {
    peer.sendLine("{this is not json");
    const answer = await peer.waitFor((m) => m.error?.code === -32700);
    assert.equal(answer.id, null);
  });

  test("invalid requests are -32600", async () => {
    peer.send({ jsonrpc: "1.0", id: 21, method: "ping" });
    assert.equal((await peer.answer(21)).error.code, -32600);
    peer.send({ jsonrpc: "2.0", id: 22 });
    assert.equal((await peer.answer(22)).error.code, -32600);
    peer.send({ jsonrpc: "2.0", id: 23, method: 5 });
    assert.equal((await peer.answer(23)).error.code, -32600);
    peer.sendLine('"just a string"');
    const notObject = await peer.waitFor((m) => m.error?.code === -32600 && m.id === null);
    assert.match(notObject.error.message, /object/);
  });

  test("batches are refused under 2025-11-25 (removed from MCP in 2025-06-18)", async () => {
    peer.sendLine(JSON.stringify([{ jsonrpc: "2.0", id: 31, method: "ping" }]));
    const answer = await peer.waitFor((m) => m.error?.code === -32600 && /batch/.test(m.error.message));
    assert.equal(answer.id, null);
  });

  test("tools/call with an unknown tool or non-object arguments is -32602", async () => {
    const unknown = await peer.request(41, "tools/call", { name: "thrive_no_such_tool", arguments: {} });
    assert.equal(unknown.error.code, -32602);
    assert.match(unknown.error.message, /thrive_no_such_tool/);
    for (const [id, args] of [[42, []], [43, "x"], [44, 5], [45, null]]) {
      const answer = await peer.request(id, "tools/call", { name: "thrive_get_skill_levels", arguments: args });
      assert.equal(answer.error.code, -32602, JSON.stringify(args));
    }
    const noName = await peer.request(46, "tools/call", { arguments: {} });
    assert.equal(noName.error.code, -32602);
  });

  test("tools/list with a cursor it never gave out is -32602", async () => {
    const answer = await peer.request(51, "tools/list", { cursor: "not-a-cursor" });
    assert.equal(answer.error.code, -32602);
  });

  test("notifications get no answer, and unknown ones are ignored", async () => {
    peer.send({ jsonrpc: "2.0", method: "notifications/whatever", params: {} });
    peer.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 999 } });
    const answer = await peer.request(61, "ping");
    assert.deepEqual(answer.result, {});
    assert.ok(!peer.messages.some((m) => m.id === 999));
  });
});

test("a 2025-03-26 session takes a JSON-RPC batch and answers it as one array", async () => {
  const peer = new RawPeer(standin.serverEnv());
  try {
    await peer.initialize("2025-03-26");
    peer.sendLine(
      JSON.stringify([
        { jsonrpc: "2.0", id: "b1", method: "ping" },
        { jsonrpc: "2.0", method: "notifications/whatever" },
        { jsonrpc: "2.0", id: "b2", method: "tools/call", params: { name: "thrive_get_skill_levels", arguments: {} } },
        { jsonrpc: "2.0", id: "b3", method: "no/such" },
      ]),
    );
    const batch = await peer.waitFor((m) => Array.isArray(m));
    assert.deepEqual(batch.map((m) => m.id).sort(), ["b1", "b2", "b3"]);
    assert.equal(batch.find((m) => m.id === "b3").error.code, -32601);
    assert.ok(batch.find((m) => m.id === "b2").result.content[0].text.includes("levels"));
  } finally {
    await peer.close();
  }
});

test("stdout carries only JSON-RPC lines, no secret anywhere, and EOF exits 0", async () => {
  const peer = new RawPeer(standin.serverEnv());
  await peer.initialize();
  await peer.request(1, "tools/list");
  await peer.request(2, "tools/call", { name: "thrive_get_user_by_ref", arguments: { ref: "EMP0001" } });
  await peer.request(3, "tools/call", { name: "thrive_get_user_by_ref", arguments: { ref: "nobody-here" } });
  await peer.request(4, "tools/call", { name: "thrive_get_user_by_ref", arguments: { ref: "EMP0001", apiKey: "x" } });
  await peer.request(5, "no/such/method");
  const { code } = await peer.close();
  assert.equal(code, 0);
  for (const line of peer.rawLines) {
    const message = JSON.parse(line);
    assert.equal(message.jsonrpc, "2.0", line);
  }
  assert.ok(!peer.rawLines.join("\n").includes(STANDIN_API_KEY));
  assert.ok(!peer.log().includes(STANDIN_API_KEY));
});

test("with no operator settings at all, the embedded stand-in answers (in memory)", async () => {
  const peer = new RawPeer({});
  try {
    await peer.initialize();
    const answer = await peer.request(1, "tools/call", { name: "thrive_get_user_by_ref", arguments: { ref: "EMP0001" } }, 20000);
    assert.notEqual(answer.result.isError, true);
    assert.equal(answer.result.structuredContent.user.ref, "EMP0001");
    assert.match(peer.log(), /embedded local stand-in/);
  } finally {
    await peer.close();
  }
});
