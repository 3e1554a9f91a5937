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
// library gives it, but the sign's two, which it names only in findings
// (repayjump_check_field_name: 64 and 65).
const VARIANTS = {
  v3: rj.Variant.V3_MERCHANT,
  'v3-partner': rj.Variant.V3_PARTNER,
  v2: rj.Variant.V2_MERCHANT,
  'v2-partner': rj.Variant.V2_PARTNER,
};
const SIGN_FIELDS = { 64: 'sign_type', 65: 'sign' };
const fieldOf = (f) => SIGN_FIELDS[f.field] ?? (f.field === rj.Field.NONE ? null : f.fieldName);

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
