'use strict';
// How the library is found: REPAYJUMP_LIBRARY first, then the system loader.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const binding = path.join(__dirname, '..', 'repayjump.js');

// Load the binding in a fresh process with env; report what happened.
function load(env) {
  const script = `try { const rj = require(${JSON.stringify(binding)});
    console.log(JSON.stringify({ version: rj.version }));
  } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
  const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

test('REPAYJUMP_LIBRARY naming a missing file gives an error that names it', () => {
  const missing = '/nonexistent/librepayjump.so.1';
  const outcome = load({ ...process.env, REPAYJUMP_LIBRARY: missing });
  assert.equal(outcome.code, 'ERR_REPAYJUMP_LIBRARY');
  assert.ok(outcome.message.includes(`REPAYJUMP_LIBRARY=${missing}`), outcome.message);
  assert.ok(!outcome.message.includes('\n'), 'one line');
});

test('without REPAYJUMP_LIBRARY the system loader finds librepayjump.so.1', () => {
  const { REPAYJUMP_LIBRARY: library, ...env } = process.env;
  assert.ok(library, 'the tests run with REPAYJUMP_LIBRARY set');
  env.LD_LIBRARY_PATH = [path.dirname(library), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const outcome = load(env);
  assert.equal(outcome.version, require('../repayjump').version);
});
