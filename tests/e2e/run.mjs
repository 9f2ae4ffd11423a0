// Runs one browser test file (tests/e2e/*.test.mjs) under node:test, after
// checking that everything it needs is there: a missing binary, web/dist,
// playwright-core or chromium fails the test with a message saying what to
// run (tests/CMakeLists.txt registers one ctest entry per file, label web).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { prerequisites } from "./support/harness.mjs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node tests/e2e/run.mjs tests/e2e/NAME.test.mjs");
  process.exit(2);
}
try {
  prerequisites();
} catch (e) {
  console.error(`browser test ${file} cannot run: ${e.message}`);
  process.exit(1);
}
await import(pathToFileURL(resolve(file)).href);
