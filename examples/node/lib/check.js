'use strict';
// check(): inputs as the library reads them, and its findings as frozen
// JavaScript objects.
const koffi = require('koffi');
const native = require('./native');
const { Field, Status } = require('./constants');
const { RepayjumpError } = require('./errors');
const { checkInteger, keyCopy, INT_MIN, INT_MAX, UINT_MAX } = require('./params');

const { Pair, Finding, CheckResult } = native.types;
const PAIR_SIZE = koffi.sizeof(Pair);
const FINDING_SIZE = koffi.sizeof(Finding);
const RESULT_SIZE = koffi.sizeof(CheckResult);
const member = (name) => koffi.offsetof(Pair, name);
const PAIR = {
  key: member('key'),
  keyLen: member('key_len'),
  value: member('value'),
  valueLen: member('value_len'),
  type: member('type'),
  keyOffset: member('key_offset'),
  valueOffset: member('value_offset'),
};
// repayjump_value_type, REPAYJUMP_NO_OFFSET, REPAYJUMP_VARIANT_AUTO.
const VALUE_STRING = 0;
const VALUE_NOT_STRING = 1;
const NO_OFFSET = 2n ** BigInt(8 * koffi.sizeof('size_t')) - 1n;
const VARIANT_AUTO = -1;
// Room for the findings of the first call; one that found more is run
// again with room for all of them (the library returns the total).
const FIRST_CAP = 32;
const KNOWN_OPTIONS = new Set(['variant', 'flags', 'apiKey']);

/** [key, value] entries of a plain object, a Map or an array of entries. */
function entriesOf(input) {
  if (input instanceof Map) return [...input.entries()];
  if (Array.isArray(input)) {
    for (const entry of input) {
      if (!Array.isArray(entry) || entry.length !== 2) {
        throw new TypeError('repayjump: an array to check holds [key, value] entries');
      }
    }
    return input;
  }
  return Object.entries(input);
}

// A string or bytes value is checked; any other is sent as its JSON text,
// which the fix quotes. undefined is left out, as JSON.stringify leaves it.
function valueBytes(key, value) {
  if (typeof value === 'string') return [Buffer.from(value, 'utf8'), VALUE_STRING];
  if (value instanceof Uint8Array) return [value, VALUE_STRING];
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`repayjump: the value of '${key}' has no JSON form`);
  return [Buffer.from(json, 'utf8'), VALUE_NOT_STRING];
}

/**
 * The pairs as an array of repayjump_pair, and the one buffer that holds
 * every key and value they point into (with a spare byte: never empty).
 */
function encodePairs(input) {
  const entries = entriesOf(input).filter(([, value]) => value !== undefined);
  const parts = [];
  const types = [];
  for (const [key, value] of entries) {
    if (typeof key !== 'string') throw new TypeError('repayjump: keys to check must be strings');
    const [bytes, type] = valueBytes(key, value);
    parts.push(Buffer.from(key, 'utf8'), bytes);
    types.push(type);
  }
  const arena = Buffer.concat([...parts, Buffer.alloc(1)]);
  const base = koffi.address(arena);
  const pairs = Buffer.alloc(Math.max(entries.length, 1) * PAIR_SIZE);
  let at = 0;
  for (let i = 0; i < entries.length; i++) {
    const key = parts[2 * i];
    const value = parts[2 * i + 1];
    const p = i * PAIR_SIZE;
    koffi.encode(pairs, p + PAIR.key, 'uintptr_t', base + BigInt(at));
    koffi.encode(pairs, p + PAIR.keyLen, 'size_t', key.length);
    koffi.encode(pairs, p + PAIR.value, 'uintptr_t', base + BigInt(at + key.length));
    koffi.encode(pairs, p + PAIR.valueLen, 'size_t', value.length);
    koffi.encode(pairs, p + PAIR.type, 'int', types[i]);
    koffi.encode(pairs, p + PAIR.keyOffset, 'size_t', NO_OFFSET);
    koffi.encode(pairs, p + PAIR.valueOffset, 'size_t', NO_OFFSET);
    at += key.length + value.length;
  }
  return { arena, pairs, count: entries.length };
}

function readFinding(found, i, arena, base) {
  const f = koffi.decode(found, i * FINDING_SIZE, Finding);
  let key = null;
  if (f.key !== null) {
    // The key as written: it points into the input, held in arena.
    const at = Number(koffi.address(f.key) - base);
    key = arena.toString('utf8', at, at + Number(f.key_len));
  }
  return Object.freeze({
    code: native.CODE_NAMES[f.code] ?? native.codeName(f.code),
    severity: native.severityName(f.severity),
    field: f.field,
    fieldName: native.fieldName(f.field),
    key,
    offset: Number(f.offset),
    length: Number(f.length),
    inValue: f.in_value !== 0,
    message: f.message,
    fix: f.fix,
  });
}

/**
 * Check an App path or query (a string, sent as UTF-8, or bytes) or the
 * fields of a parsed extraData (a plain object, a Map, or [key, value]
 * entries, which keep repeated keys). Offsets count UTF-8 bytes.
 */
function check(input, options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('repayjump: check options must be an object');
  }
  for (const name of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(name)) throw new TypeError(`repayjump: unknown check option '${name}'`);
  }
  const variant = options.variant ?? VARIANT_AUTO;
  checkInteger('variant', variant, INT_MIN, INT_MAX);
  const flags = checkInteger('flags', options.flags ?? 0, 0, UINT_MAX);

  let text = null;
  let encoded = null;
  if (typeof input === 'string') text = Buffer.from(input, 'utf8');
  else if (input instanceof Uint8Array) text = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  else if (input !== null && typeof input === 'object') encoded = encodePairs(input);
  else throw new TypeError('repayjump: check takes a string, bytes, an object, a Map or entries');
  const arena = text ?? encoded.arena;
  const base = koffi.address(arena);

  const nuls = new Map();
  const key = keyCopy(options.apiKey, nuls);
  if (nuls.has(Field.API_KEY)) {
    // A C string would end there: no such key is usable.
    key.fill(0);
    const at = nuls.get(Field.API_KEY);
    const message = `api_key: byte ${at} is a NUL byte, which no key holds`;
    throw new RepayjumpError(Status.E_CHARSET, Field.API_KEY, at, message);
  }
  const opt = { variant, flags, api_key: key };
  const result = Buffer.alloc(RESULT_SIZE);
  let found;
  let cap = FIRST_CAP;
  let detail;
  try {
    for (;;) {
      found = Buffer.alloc(cap * FINDING_SIZE);
      const status = text
        ? native.checkText(opt, text, text.length, found, cap, result)
        : native.checkPairs(opt, encoded.pairs, encoded.count, found, cap, result);
      if (status !== Status.OK) {
        throw new RepayjumpError(status, Field.NONE, 0, `check: ${native.strerror(status)}`);
      }
      detail = koffi.decode(result, CheckResult);
      if (detail.count <= cap) break;
      cap = Number(detail.count);
    }
  } finally {
    if (key) key.fill(0);
  }
  const findings = [];
  for (let i = 0; i < detail.count; i++) findings.push(readFinding(found, i, arena, base));
  return Object.freeze({
    kind: detail.kind === 0 ? null : native.kindName(detail.kind),
    variant: detail.variant < 0 ? null : detail.variant,
    errors: Number(detail.errors),
    warnings: Number(detail.warnings),
    notes: Number(detail.notes),
    ok: Number(detail.errors) === 0,
    findings: Object.freeze(findings),
  });
}

/** Every finding code the library has, by name, with its severity's name. */
function checkCodes() {
  const codes = {};
  native.CODE_NAMES.forEach((name, code) => {
    const severity = native.CODE_SEVERITIES[code];
    if (severity >= 0) codes[name] = native.severityName(severity);
  });
  return Object.freeze(codes);
}

module.exports = { check, checkCodes };
