// Runs one of this directory's checks (node run.mjs SCRIPT ARGS...), first
// saying what to do when its npm packages are not installed, instead of a
// module-not-found trace.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, "node_modules", "ajv"))) {
  console.error(
    `contract: the npm packages of ${here} are not installed; run scripts/setup ` +
      "(or: cd tests/contract && npm ci)",
  );
  process.exit(1);
}
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], join(here, script), ...args];
await import(join(here, script));
