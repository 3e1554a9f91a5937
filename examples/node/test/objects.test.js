'use strict';
// check() against the objects' shared vectors (tests/objects/vectors.json,
// whose path ctest passes in REPAYJUMP_OBJECT_VECTORS): every object, parsed
// with JSON.parse and checked as a plain object, gives its kind, variant
// and findings, in order.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const rj = require('../repayjump');

const VECTORS_PATH =
  process.env.REPAYJUMP_OBJECT_VECTORS || path.join(__dirname, '..', '..', '..', 'tests', 'objects', 'vectors.json');
const { cases } = JSON.parse(fs.readFileSync(VECTORS_PATH, 'utf8'));

// The vectors' names of the variants, and of the fields: fieldName as the
// binding gives it, null for none.
const VARIANTS = {
  v3: rj.Variant.V3_MERCHANT,
  'v3-partner': rj.Variant.V3_PARTNER,
  v2: rj.Variant.V2_MERCHANT,
  'v2-partner': rj.Variant.V2_PARTNER,
};
const fieldOf = (f) => (f.field === rj.Field.NONE ? null : f.fieldName);

test('the shared objects: kind, variant and every finding, in order', () => {
  assert.ok(cases.length >= 12);
  for (const c of cases) {
    const result = rj.check(c.input);
    const seen = util.inspect(result.findings);
    assert.equal(result.kind, c.kind, c.name);
    assert.equal(result.variant, c.variant === null ? null : VARIANTS[c.variant], c.name);
    assert.deepEqual(
      result.findings.map((f) => [f.code, fieldOf(f)]),
      c.findings,
      `${c.name}: ${seen}`,
    );
    assert.equal(result.errors + result.warnings + result.notes, result.findings.length);
  }
});

test('the sign is a field of a finding: Field.SIGN, named sign', () => {
  const result = rj.check(
    'appid=wxcbda96de0b165486&mch_id=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS' +
      '&openid=oUpF8uMEb4qRXf22hE3X68TekukE&sign_type=HMAC-SHA256',
  );
  const missing = result.findings.filter((f) => f.code === 'sign.missing');
  assert.equal(missing.length, 1, util.inspect(result.findings));
  assert.equal(missing[0].field, rj.Field.SIGN);
  assert.equal(missing[0].fieldName, 'sign');
});
