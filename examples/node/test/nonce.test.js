'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rj = require('../repayjump');

test('nonce(n) gives n characters of [A-Za-z0-9], 32 by default', () => {
  assert.match(rj.nonce(), /^[A-Za-z0-9]{32}$/);
  for (let length = 1; length <= rj.FIELD_MAX; length++) {
    assert.match(rj.nonce(length), new RegExp(`^[A-Za-z0-9]{${length}}$`));
  }
});

test('nonces do not repeat, and use the whole alphabet', () => {
  const seen = new Set();
  for (let i = 0; i < 2000; i++) seen.add(rj.nonce());
  assert.equal(seen.size, 2000);
  // 64000 draws from 62 characters: each one misses with probability ~1e-448.
  const used = new Set([...seen].join(''));
  assert.equal(used.size, 62);
});
