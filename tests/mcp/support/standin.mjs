// A separate thrive-standin process for one test file: started on a free
// port with its CA written to a temporary file, stopped with SIGTERM.
import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

export const STANDIN_API_KEY = "standin-demo-key";

export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must point at the built program (ctest sets it)`);
  return value;
}

export class Standin {
  static async start() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "thrive-mcp-test-"));
    const caFile = path.join(dir, "standin-ca.pem");
    const child = spawn(requiredEnv("THRIVE_STANDIN_BIN"), ["--port", "0", "--ca-file", caFile], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log = [];
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => log.push(chunk));
    const first = await new Promise((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout });
      const timer = setTimeout(() => reject(new Error("thrive-standin did not start in time")), 15000);
      lines.once("line", (line) => {
        clearTimeout(timer);
        resolve(line);
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`thrive-standin exited with ${code}: ${log.join("")}`));
      });
    });
    const info = JSON.parse(first);
    return new Standin(child, dir, info, log);
  }

  constructor(child, dir, info, log) {
    this.child = child;
    this.dir = dir;
    this.info = info; // {url, port, tenantId, caFile}
    this.log = log;
    this.ca = fs.readFileSync(info.caFile);
  }

  get hostPort() {
    return `localhost:${this.info.port}`;
  }

  // The environment that points `thrive mcp` at this stand-in.
  serverEnv(extra = {}) {
    return {
      THRIVE_TENANT_ID: this.info.tenantId,
      THRIVE_API_KEY: STANDIN_API_KEY,
      THRIVE_HOST: this.hostPort,
      THRIVE_ALLOWED_HOSTS: this.hostPort,
      THRIVE_CA_FILE: this.info.caFile,
      ...extra,
    };
  }

  // The stand-in's admin endpoints (same Basic auth): faults, stats, reset.
  admin(method, route, body) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const auth = Buffer.from(`${this.info.tenantId}:${STANDIN_API_KEY}`).toString("base64");
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: "localhost",
          port: this.info.port,
          method,
          path: `/_standin/${route}`,
          ca: this.ca,
          headers: {
            Authorization: `Basic ${auth}`,
            ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}),
          },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => {
            if (response.statusCode >= 300) reject(new Error(`${method} /_standin/${route}: ${response.statusCode} ${text}`));
            else resolve(text ? JSON.parse(text) : {});
          });
        },
      );
      request.on("error", reject);
      if (payload) request.write(payload);
      request.end();
    });
  }

  addFault(spec) {
    return this.admin("POST", "faults", spec);
  }

  clearFaults() {
    return this.admin("DELETE", "faults");
  }

  stats() {
    return this.admin("GET", "stats");
  }

  async stop() {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
