// The contract test: every JSON response the HTTP suite received (logged by
// tests/support/http_client.cpp under $TWINNING_CONTRACT_LOG) is checked
// against the OpenAPI document's schema for its route and status.
//
//   node validate.mjs TWINNING_BINARY LOG_DIR
//
// The document is the one the server answers at /api/openapi.yaml
// (`twinning openapi`). A response is matched to the path template with the
// most literal segments; an error status (4xx, 5xx) that the operation does
// not list is checked against components.responses.Error, the body every
// error has (the document says so in its description), and an object's
// listed properties are all required unless it says which are. Prints each kind of
// mismatch once, with how often it occurred and an example, and exits 1 if
// there is any; exits 2 if there is nothing to check.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import Ajv from "ajv";
import YAML from "yaml";

const [binary, logDir] = process.argv.slice(2);
if (!binary || !logDir) {
  console.error("usage: node validate.mjs TWINNING_BINARY LOG_DIR");
  process.exit(2);
}

const document = YAML.parse(execFileSync(binary, ["openapi"], { encoding: "utf8" }));

// The document's convention (its description says so): an object schema
// that names no required properties requires all it lists, so that a
// property the server stops sending is a mismatch, as it is a type error in
// the web client (generated with --properties-required-by-default).
function propertiesRequiredByDefault(node) {
  if (Array.isArray(node)) return node.map(propertiesRequiredByDefault);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = propertiesRequiredByDefault(value);
  if (out.type === "object" && out.properties && !out.required) {
    out.required = Object.keys(out.properties);
  }
  return out;
}

// OpenAPI 3.0's `nullable: true` in JSON Schema terms, which ajv checks
// right even around a $ref or allOf: {anyOf: [the schema, {type: "null"}]}.
function nullableAsJsonSchema(node) {
  if (Array.isArray(node)) return node.map(nullableAsJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = nullableAsJsonSchema(value);
  if (out.nullable !== true) return out;
  delete out.nullable;
  return { anyOf: [out, { type: "null" }] };
}

// Path templates, most specific first: /api/letters/overdue before
// /api/letters/{id}.
const templates = Object.keys(document.paths)
  .map((template) => {
    const segments = template.split("/");
    const pattern = segments
      .map((s) => (s.startsWith("{") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    return {
      template,
      regex: new RegExp(`^${pattern}$`),
      literals: segments.filter((s) => !s.startsWith("{")).length,
    };
  })
  .sort((a, b) => b.literals - a.literals);

function templateOf(path) {
  return templates.find((t) => t.regex.test(path))?.template;
}

// The whole document is one schema to ajv, so that "#/components/..."
// references resolve; each response schema is compiled by its JSON pointer.
// Formats are not checked (no format plug-in): types, required properties,
// enums, nullability and additionalProperties are.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
ajv.addSchema(nullableAsJsonSchema(propertiesRequiredByDefault(document)), "api");
const compiled = new Map();

function escapePointer(key) {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

function resolveResponse(response) {
  let r = response;
  while (r && r.$ref) {
    r = r.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((node, key) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], document);
  }
  return r;
}

// The validator for `status` of `method` on `template` (null: a path the
// API does not have), or a string saying why there is none.
function validatorFor(template, method, status) {
  const operation = template === null ? {} : document.paths[template]?.[method.toLowerCase()];
  if (!operation) return `${method} is not documented for ${template}`;
  let pointer = null;
  for (const key of [String(status), `${String(status)[0]}XX`, "default"]) {
    if (operation.responses?.[key]) {
      pointer = `paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${key}`;
      const response = resolveResponse(operation.responses[key]);
      if (!response?.content?.["application/json"]?.schema) {
        return `status ${status} is documented without a JSON body`;
      }
      const target = operation.responses[key].$ref
        ? operation.responses[key].$ref.replace(/^#\//, "")
        : pointer;
      pointer = `${target}/content/application~1json/schema`;
      break;
    }
  }
  if (!pointer) {
    if (status < 400) return `status ${status} is not documented`;
    pointer = "components/responses/Error/content/application~1json/schema";
  }
  if (!compiled.has(pointer)) compiled.set(pointer, ajv.compile({ $ref: `api#/${pointer}` }));
  return compiled.get(pointer);
}

const mismatches = new Map(); // kind -> {count, example}
let checked = 0;
const files = (() => {
  try {
    return readdirSync(logDir).filter((f) => f.endsWith(".jsonl"));
  } catch {
    return [];
  }
})();
for (const file of files) {
  for (const line of readFileSync(join(logDir, file), "utf8").split("\n")) {
    if (!line) continue;
    const { method, path, status, body } = JSON.parse(line);
    if (!path.startsWith("/api/")) continue;
    checked += 1;
    if (method === "HEAD") continue; // no body
    const template = templateOf(path);
    const documented = template && document.paths[template][method.toLowerCase()];
    let problem = null;
    if (!documented && (status === 404 || status === 405)) {
      // A path or method the API does not have: the error body every error has.
      const validate = validatorFor(null, method, status);
      if (!validate(body)) problem = `body: ${validate.errors[0].message}`;
    } else if (!template) {
      problem = `no path of the document matches ${path}`;
    } else {
      const validate = validatorFor(template, method, status);
      if (typeof validate === "string") {
        problem = validate;
      } else if (!validate(body)) {
        const e = validate.errors[0];
        problem = `body: ${e.instancePath || "(root)"} ${e.message}${
          e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""
        }`;
      }
    }
    if (!problem) continue;
    const kind = `${method} ${template ?? path} ${status}: ${problem}`;
    const entry = mismatches.get(kind) ?? { count: 0, example: null };
    entry.count += 1;
    entry.example ??= `${method} ${path} -> ${JSON.stringify(body).slice(0, 300)}`;
    mismatches.set(kind, entry);
  }
}

if (checked === 0) {
  console.error(`contract: no JSON responses logged in ${logDir}; run the HTTP suite first`);
  process.exit(2);
}
const kinds = [...mismatches.keys()].sort();
for (const kind of kinds) {
  const { count, example } = mismatches.get(kind);
  console.log(`MISMATCH ${kind}  [${count}x]\n    e.g. ${example}`);
}
const operations = new Set();
for (const [template, item] of Object.entries(document.paths)) {
  for (const method of Object.keys(item)) operations.add(`${method} ${template}`);
}
console.log(
  `contract: ${checked} JSON responses from ${files.length} test processes checked against ` +
    `${operations.size} documented operations; ${kinds.length} kinds of mismatch`,
);
process.exit(kinds.length ? 1 : 0);
