// The OpenAPI document (`twinning openapi`, what the server answers at
// /api/openapi.yaml) through a standard linter, Redocly CLI's recommended
// rules: fails on any error (warnings are printed, not fatal), and on any
// operation without an operationId.
//
//   node lint.mjs TWINNING_BINARY
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import YAML from "yaml";

const [binary] = process.argv.slice(2);
const text = execFileSync(binary, ["openapi"], { encoding: "utf8" });

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const withoutId = [];
for (const [path, item] of Object.entries(YAML.parse(text).paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!METHODS.includes(method)) continue; // parameters, summary
    if (!operation.operationId) withoutId.push(`${method.toUpperCase()} ${path}`);
  }
}

const dir = mkdtempSync(join(tmpdir(), "twinning-openapi-"));
const file = join(dir, "openapi.yaml");
writeFileSync(file, text);
const here = dirname(fileURLToPath(import.meta.url));
const lint = spawnSync(
  process.execPath,
  [join(here, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", "--format=stylish", file],
  {
    stdio: "inherit",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);
rmSync(dir, { recursive: true, force: true });
for (const op of withoutId) console.log(`error: ${op} has no operationId`);
process.exit(lint.status !== 0 || withoutId.length ? 1 : 0);
