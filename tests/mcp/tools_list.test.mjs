// tools/list: all 47 tools, schemas a strict JSON Schema 2020-12 validator
// compiles, no operator settings, JSON-string fields as real arrays/objects,
// annotations from the hints, paging.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import { connectSdkClient } from "./support/mcp_client.mjs";
import { Standin } from "./support/standin.mjs";

const OPERATOR_SETTINGS = ["tenantId", "apiKey", "host", "allowedHosts", "caFile"];
const JSON_FIELDS = {
  thrive_add_audience_members: { users: "array" },
  thrive_replace_audience_members: { users: "array" },
  thrive_add_audience_managers: { managers: "array" },
  thrive_replace_audience_managers: { managers: "array" },
  thrive_add_user_tags: { tags: "array" },
  thrive_remove_user_tags: { tags: "array" },
  thrive_update_user_skills: { skills: "array" },
  thrive_create_assignment: { alternativeContentIds: "array" },
  thrive_update_assignment: { alternativeContentIds: "array" },
  thrive_create_user: { additionalFields: "object" },
  thrive_update_user: { additionalFields: "object" },
};

function strictAjv() {
  return new Ajv2020({ strict: true, allErrors: true });
}

// Every subschema, with its path.
function* walk(schema, path = "#") {
  if (!schema || typeof schema !== "object") return;
  yield [path, schema];
  for (const [name, sub] of Object.entries(schema.properties ?? {})) yield* walk(sub, `${path}/properties/${name}`);
  if (schema.items && typeof schema.items === "object") yield* walk(schema.items, `${path}/items`);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object")
    yield* walk(schema.additionalProperties, `${path}/additionalProperties`);
  for (const [i, sub] of (schema.anyOf ?? []).entries()) yield* walk(sub, `${path}/anyOf/${i}`);
}

let standin;
let client;
let tools;
before(async () => {
  standin = await Standin.start();
  ({ client } = await connectSdkClient(standin.serverEnv()));
  ({ tools } = await client.listTools());
});
after(async () => {
  await client?.close();
  await standin?.stop();
});

test("all 47 tools are listed, named by action id, with a title and a description", () => {
  assert.equal(tools.length, 47);
  const names = new Set(tools.map((t) => t.name));
  assert.equal(names.size, 47);
  for (const tool of tools) {
    assert.match(tool.name, /^thrive_[a-z_]+$/);
    assert.ok(tool.title && tool.title.length > 0, tool.name);
    assert.ok(tool.description && tool.description.length > 0, tool.name);
  }
  for (const name of ["thrive_create_user", "thrive_list_enrolments", "thrive_suspend_user", "thrive_query_content"])
    assert.ok(names.has(name), name);
});

describe("inputSchema", () => {
  test("every inputSchema compiles with ajv's 2020-12 build in strict mode", () => {
    for (const tool of tools) {
      assert.doesNotThrow(() => strictAjv().compile(tool.inputSchema), tool.name);
    }
  });

  test("root is a closed object with typed properties, no $schema, no top-level combinators", () => {
    for (const tool of tools) {
      const s = tool.inputSchema;
      assert.equal(s.type, "object", tool.name);
      assert.equal(s.additionalProperties, false, tool.name);
      assert.equal(s.$schema, undefined, tool.name);
      for (const k of ["oneOf", "anyOf", "allOf", "not"]) assert.equal(s[k], undefined, `${tool.name} ${k}`);
      for (const [name, prop] of Object.entries(s.properties)) {
        assert.ok(prop.type || prop.anyOf, `${tool.name}.${name} has no type`);
        assert.ok(prop.description, `${tool.name}.${name} has no description`);
      }
      for (const name of s.required ?? []) assert.ok(name in s.properties, `${tool.name} requires unknown ${name}`);
      for (const [path, sub] of walk(s)) {
        assert.equal(sub.format, undefined, `${tool.name} ${path} uses format`);
        if (sub.type === "array") assert.ok(sub.items, `${tool.name} ${path}: array without items`);
        assert.ok(!Array.isArray(sub.type), `${tool.name} ${path}: type union`);
      }
    }
  });

  test("operator settings are in no inputSchema", () => {
    for (const tool of tools)
      for (const name of OPERATOR_SETTINGS) assert.ok(!(name in tool.inputSchema.properties), `${tool.name}.${name}`);
  });

  test("JSON-string fields are offered as the real array/object with item schemas", () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const [toolName, fields] of Object.entries(JSON_FIELDS)) {
      for (const [field, type] of Object.entries(fields)) {
        const prop = byName.get(toolName).inputSchema.properties[field];
        assert.equal(prop.type, type, `${toolName}.${field}`);
        if (type === "array") assert.ok(prop.items?.type, `${toolName}.${field} items`);
      }
    }
    const managers = byName.get("thrive_add_audience_managers").inputSchema.properties.managers;
    assert.equal(managers.items.type, "object");
    assert.deepEqual(managers.items.required, ["reference"]);
    assert.equal(managers.items.properties.permissions.type, "object");
    const skills = byName.get("thrive_update_user_skills").inputSchema.properties.skills;
    assert.equal(skills.items.properties.level.minimum, -1);
    const extra = byName.get("thrive_create_user").inputSchema.properties.additionalFields;
    assert.ok(Array.isArray(extra.additionalProperties.anyOf), "additionalFields value union as anyOf");
  });

  test("the schemas accept good arguments and reject bad ones", () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    const check = (name) => strictAjv().compile(byName.get(name).inputSchema);
    const createUser = check("thrive_create_user");
    assert.ok(createUser({ ref: "E1", firstName: "A", lastName: "B", startDate: "2025-01-31", additionalFields: { site: "Leeds", n: 1, ok: true, none: null } }));
    assert.ok(!createUser({ ref: "E1", firstName: "A", lastName: "B", startDate: "31/01/2025" }), "date pattern");
    assert.ok(!createUser({ ref: "E1", firstName: "A" }), "required lastName");
    assert.ok(!createUser({ ref: "E1", firstName: "A", lastName: "B", apiKey: "k" }), "no operator settings");
    assert.ok(!createUser({ ref: "E1", firstName: "A", lastName: "B", role: "king" }), "enum");
    const members = check("thrive_add_audience_members");
    assert.ok(members({ audienceId: "a", users: ["EMP0001"] }));
    assert.ok(!members({ audienceId: "a", users: [] }), "minItems");
    assert.ok(!members({ audienceId: "a", users: "[\"EMP0001\"]" }), "the array itself, not JSON text");
    const content = check("thrive_query_content");
    assert.ok(content({ types: "elearning, video" }));
    assert.ok(!content({ types: "elearning,podcastz" }), "csv enum pattern");
  });

  test("date formats are a pattern plus words", () => {
    let seen = 0;
    for (const tool of tools)
      for (const prop of Object.values(tool.inputSchema.properties))
        if (prop.pattern && /YYYY-MM-DD/.test(prop.description)) seen++;
    assert.ok(seen > 10, `only ${seen} date fields`);
  });
});

describe("outputSchema", () => {
  test("every outputSchema compiles with ajv's 2020-12 build in strict mode", () => {
    for (const tool of tools) {
      assert.ok(tool.outputSchema, tool.name);
      assert.equal(tool.outputSchema.type, "object", tool.name);
      assert.equal(tool.outputSchema.$schema, undefined, tool.name);
      assert.doesNotThrow(() => strictAjv().compile(tool.outputSchema), tool.name);
    }
  });

  test("top-level keys keep their types; records below stay open and leaves unconstrained", () => {
    const byName = new Map(tools.map((t) => [t.name, t]));
    const user = byName.get("thrive_get_user_by_ref").outputSchema.properties.user;
    assert.equal(user.type, "object");
    assert.equal(user.additionalProperties, true);
    assert.deepEqual(Object.keys(user.properties.email), ["description"]);
    assert.deepEqual(Object.keys(user.properties.positions), ["description"], "an array documented without items is a leaf");
    const page = byName.get("thrive_list_audiences").outputSchema.properties;
    assert.equal(page.results.type, "array");
    assert.equal(page.pagination.type, "object");
    const validate = strictAjv().compile(byName.get("thrive_get_user_by_ref").outputSchema);
    assert.ok(validate({ user: { email: null, positions: "none", deleted: "false", extra: { any: 1 } } }), "loose records pass");
    assert.ok(!validate({ user: "not an object" }), "the top-level type holds");
    const audience = strictAjv().compile(byName.get("thrive_get_audience").outputSchema);
    assert.ok(audience({ audience: { parent: null } }), "a documented nested object may be null");
  });
});

test("annotations follow the hints", () => {
  const byName = new Map(tools.map((t) => [t.name, t]));
  for (const tool of tools) {
    const a = tool.annotations;
    assert.equal(a.openWorldHint, true, tool.name);
    for (const k of ["readOnlyHint", "destructiveHint", "idempotentHint"]) assert.equal(typeof a[k], "boolean", `${tool.name}.${k}`);
    if (/^thrive_(get|list|query|search)_/.test(tool.name)) assert.equal(a.readOnlyHint, true, tool.name);
    if (/^thrive_(delete|remove|replace|suspend)_/.test(tool.name)) assert.equal(a.destructiveHint, true, tool.name);
    if (/^thrive_create_/.test(tool.name)) assert.equal(a.readOnlyHint, false, tool.name);
  }
  assert.equal(byName.get("thrive_get_user_by_ref").annotations.idempotentHint, true);
  assert.equal(byName.get("thrive_create_user").annotations.idempotentHint, false);
});

test("paging: with THRIVE_MCP_PAGE_SIZE=10 the SDK client follows nextCursor through all 47", async () => {
  const paged = await connectSdkClient(standin.serverEnv({ THRIVE_MCP_PAGE_SIZE: "10" }));
  try {
    const names = [];
    let cursor;
    let pages = 0;
    do {
      const page = await paged.client.listTools(cursor ? { cursor } : {});
      assert.ok(page.tools.length <= 10);
      names.push(...page.tools.map((t) => t.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 5);
    assert.deepEqual(names, tools.map((t) => t.name));
  } finally {
    await paged.client.close();
  }
});
