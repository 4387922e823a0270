// Importing a module never touches the page: each loads here, in Node, where there is none.
import assert from "node:assert/strict";
import { test } from "node:test";

const MODULES = ["answers", "form", "outbox", "steps", "store"];

for (const name of MODULES) {
  test(`${name}.js imports without a page`, async () => {
    assert.equal(typeof globalThis.document, "undefined");
    const module = await import(`../../static/js/${name}.js`);
    assert.ok(Object.keys(module).length > 0);
  });
}

test("the modules that start on a page export init()", async () => {
  for (const name of ["form", "outbox", "steps"]) {
    assert.equal(typeof (await import(`../../static/js/${name}.js`)).init, "function");
  }
});
