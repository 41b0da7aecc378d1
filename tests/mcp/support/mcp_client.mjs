// Ways to talk to `thrive mcp`: the official SDK client over its stdio
// transport, and a raw JSON-RPC line client for what the SDK will not send.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn } from "node:child_process";
import readline from "node:readline";
import { requiredEnv } from "./standin.mjs";

// Environment for the server: only what a client configuration would set,
// plus PATH/HOME so the process is ordinary.
function serverEnvironment(env) {
  const base = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp" };
  return { ...base, THRIVE_STANDIN_STATE: "", ...env };
}

// An SDK client connected to a fresh `thrive mcp`. `stderr` collects the
// server's log. `initializeVersion` rewrites the protocolVersion the SDK
// asks for (to negotiate an older revision).
export async function connectSdkClient(env, { initializeVersion } = {}) {
  const transport = new StdioClientTransport({
    command: requiredEnv("THRIVE_BIN"),
    args: ["mcp"],
    env: serverEnvironment(env),
    stderr: "pipe",
  });
  const stderr = [];
  transport.stderr?.setEncoding("utf8");
  transport.stderr?.on("data", (chunk) => stderr.push(chunk));
  if (initializeVersion) {
    const send = transport.send.bind(transport);
    transport.send = (message, options) => {
      if (message.method === "initialize") {
        message = { ...message, params: { ...message.params, protocolVersion: initializeVersion } };
      }
      return send(message, options);
    };
  }
  const client = new Client({ name: "thrive-mcp-tests", version: "1.0.0" }, { capabilities: {} });
  await client.connect(transport);
  return { client, transport, stderr, log: () => stderr.join("") };
}

// A raw JSON-RPC peer: writes lines to `thrive mcp`, collects every line it
// prints (all must be JSON), and can wait for an answer by id.
export class RawPeer {
  constructor(env) {
    this.child = spawn(requiredEnv("THRIVE_BIN"), ["mcp"], {
      env: serverEnvironment(env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.messages = [];
    this.rawLines = [];
    this.stderr = [];
    this.waiters = [];
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk) => this.stderr.push(chunk));
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      this.rawLines.push(line);
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        message = { unparsable: line };
      }
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => !w(message));
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  sendLine(text) {
    this.child.stdin.write(text + "\n");
  }

  send(message) {
    this.sendLine(JSON.stringify(message));
  }

  // The first message (already seen or still to come) that `match` accepts.
  waitFor(match, timeoutMs = 10000) {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((message) => {
        if (!match(message)) return false;
        clearTimeout(timer);
        resolve(message);
        return true;
      });
    });
  }

  answer(id, timeoutMs) {
    return this.waitFor((m) => !Array.isArray(m) && m.id === id && ("result" in m || "error" in m), timeoutMs);
  }

  async request(id, method, params, timeoutMs) {
    this.send({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
    return this.answer(id, timeoutMs);
  }

  async initialize(protocolVersion = "2025-11-25") {
    const answer = await this.request(0, "initialize", {
      protocolVersion,
      capabilities: {},
      clientInfo: { name: "raw-peer", version: "1.0.0" },
    });
    this.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    return answer;
  }

  // Close stdin and wait for the exit.
  async close() {
    this.child.stdin.end();
    return this.exited;
  }

  log() {
    return this.stderr.join("");
  }
}
