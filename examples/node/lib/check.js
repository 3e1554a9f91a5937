'use strict';
// check(): inputs as the library reads them, and its findings as frozen
// JavaScript objects.
const os = require('node:os');
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
// A navigate argument's key whose members are checked as the jump's fields.
const EXTRA_DATA = 'extraData';

// A finding's members, read straight from the buffer: koffi.decode of the
// whole struct costs twenty times as much.
const at = (name) => koffi.offsetof(Finding, name);
const FINDING = {
  code: at('code'),
  severity: at('severity'),
  field: at('field'),
  inValue: at('in_value'),
  offset: at('offset'),
  length: at('length'),
  key: at('key'),
  keyLen: at('key_len'),
  message: at('message'),
  fix: at('fix'),
};
const LE = os.endianness() === 'LE';
const readInt = LE ? (b, o) => b.readInt32LE(o) : (b, o) => b.readInt32BE(o);
// size_t and pointers: 8 or 4 bytes. An offset or length fits a double;
// an address is kept as a BigInt, to subtract another one exactly.
const readAddress =
  koffi.sizeof('uintptr_t') === 8
    ? LE
      ? (b, o) => b.readBigUInt64LE(o)
      : (b, o) => b.readBigUInt64BE(o)
    : LE
      ? (b, o) => BigInt(b.readUInt32LE(o))
      : (b, o) => BigInt(b.readUInt32BE(o));
const readSize = (b, o) => Number(readAddress(b, o));
const writeInt = LE ? (b, v, o) => b.writeInt32LE(v, o) : (b, v, o) => b.writeInt32BE(v, o);
const writeAddress =
  koffi.sizeof('uintptr_t') === 8
    ? LE
      ? (b, v, o) => b.writeBigUInt64LE(v, o)
      : (b, v, o) => b.writeBigUInt64BE(v, o)
    : LE
      ? (b, v, o) => b.writeUInt32LE(Number(v), o)
      : (b, v, o) => b.writeUInt32BE(Number(v), o);
const writeSize = (b, v, o) => writeAddress(b, BigInt(v), o);
const cText = (b, o) => b.toString('utf8', o, b.indexOf(0, o));
const RESULT = Object.fromEntries(
  ['count', 'errors', 'warnings', 'notes', 'variant', 'kind'].map((n) => [n, koffi.offsetof(CheckResult, n)]),
);

// The library's static names, asked once each.
function remembered(name) {
  const names = new Map();
  return (value) => {
    let found = names.get(value);
    if (found === undefined) names.set(value, (found = name(value)));
    return found;
  };
}
const severityName = remembered(native.severityName);
// A finding's field: the sign's two too; repayjump_field_name's for the
// others ('none' for none).
const fieldName = remembered((field) => native.checkFieldName(field) ?? native.fieldName(field));
const kindName = remembered(native.kindName);

// Storage for the first call's findings, reused: calls on a thread run one
// at a time, the findings are read before check returns, and each worker
// thread loads its own copy of this module.
const firstFound = Buffer.alloc(FIRST_CAP * FINDING_SIZE);

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

const isPlainObject = (value) =>
  value !== null &&
  typeof value === 'object' &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value));

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A navigate argument's extraData: its [key, value] members, in order, of
 * a plain object, a Map, or a string or UTF-8 bytes holding a JSON object
 * (encoded twice, which the library reports); null for any other value.
 */
function membersOf(value) {
  if (value instanceof Map) return [...value.entries()];
  if (isPlainObject(value)) return Object.entries(value);
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) return null;
  let decoded;
  try {
    decoded = JSON.parse(typeof value === 'string' ? value : utf8.decode(value));
  } catch {
    return null; // not UTF-8, or not JSON
  }
  return isPlainObject(decoded) ? Object.entries(decoded) : null;
}

/**
 * The [key, bytes, type] of each pair: an entry's, and after extraData's
 * its members' as extraData.<key>. undefined is left out.
 */
function flatten(input) {
  const flat = [];
  const add = (key, value) => {
    if (value === undefined) return;
    if (typeof key !== 'string') throw new TypeError('repayjump: keys to check must be strings');
    flat.push([Buffer.from(key, 'utf8'), ...valueBytes(key, value)]);
  };
  for (const [key, value] of entriesOf(input)) {
    if (key !== EXTRA_DATA || value === undefined) {
      add(key, value);
      continue;
    }
    const members = membersOf(value);
    // A Map's JSON.stringify text is {}: its members' make its own.
    add(key, value instanceof Map ? Object.fromEntries(members) : value);
    for (const [name, member] of members ?? []) {
      if (typeof name !== 'string') throw new TypeError('repayjump: keys to check must be strings');
      add(`${EXTRA_DATA}.${name}`, member);
    }
  }
  return flat;
}

/**
 * The pairs as an array of repayjump_pair, and the one buffer that holds
 * every key and value they point into (with a spare byte: never empty).
 */
function encodePairs(input) {
  const entries = flatten(input);
  const parts = entries.flatMap(([key, bytes]) => [key, bytes]);
  const types = entries.map(([, , type]) => type);
  const arena = Buffer.concat([...parts, Buffer.alloc(1)]);
  const base = koffi.address(arena);
  const pairs = Buffer.alloc(Math.max(entries.length, 1) * PAIR_SIZE);
  let at = 0;
  for (let i = 0; i < entries.length; i++) {
    const key = parts[2 * i];
    const value = parts[2 * i + 1];
    const p = i * PAIR_SIZE;
    writeAddress(pairs, base + BigInt(at), p + PAIR.key);
    writeSize(pairs, key.length, p + PAIR.keyLen);
    writeAddress(pairs, base + BigInt(at + key.length), p + PAIR.value);
    writeSize(pairs, value.length, p + PAIR.valueLen);
    writeInt(pairs, types[i], p + PAIR.type);
    writeAddress(pairs, NO_OFFSET, p + PAIR.keyOffset);
    writeAddress(pairs, NO_OFFSET, p + PAIR.valueOffset);
    at += key.length + value.length;
  }
  return { arena, pairs, count: entries.length };
}

function readFinding(found, i, arena, base) {
  const f = i * FINDING_SIZE;
  const code = readInt(found, f + FINDING.code);
  const field = readInt(found, f + FINDING.field);
  const address = readAddress(found, f + FINDING.key);
  let key = null;
  if (address !== 0n) {
    // The key as written: it points into the input, held in arena.
    const start = Number(address - base);
    key = arena.toString('utf8', start, start + readSize(found, f + FINDING.keyLen));
  }
  return Object.freeze({
    code: native.CODE_NAMES[code] ?? native.codeName(code),
    severity: severityName(readInt(found, f + FINDING.severity)),
    field,
    fieldName: fieldName(field),
    key,
    offset: readSize(found, f + FINDING.offset),
    length: readSize(found, f + FINDING.length),
    inValue: readInt(found, f + FINDING.inValue) !== 0,
    message: cText(found, f + FINDING.message),
    fix: cText(found, f + FINDING.fix),
  });
}

/**
 * Check an App path or query (a string, sent as UTF-8, or bytes) or an
 * object (a plain object, a Map, or [key, value] entries, which keep
 * repeated keys): the fields of a parsed extraData, a
 * wx.navigateToMiniProgram argument (kind 'navigate') or an App launch
 * request (kind 'app_launch'). A navigate argument's extraData (an object,
 * a Map, or a string holding a JSON object) has its members checked as the
 * fields, found under the key 'extraData.<key>'. Offsets count UTF-8 bytes.
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
  let count;
  try {
    for (;;) {
      found = cap === FIRST_CAP ? firstFound : Buffer.alloc(cap * FINDING_SIZE);
      const status = text
        ? native.checkText(opt, text, text.length, found, cap, result)
        : native.checkPairs(opt, encoded.pairs, encoded.count, found, cap, result);
      if (status !== Status.OK) {
        throw new RepayjumpError(status, Field.NONE, 0, `check: ${native.strerror(status)}`);
      }
      count = readSize(result, RESULT.count);
      if (count <= cap) break;
      cap = count;
    }
  } finally {
    if (key) key.fill(0);
  }
  const findings = [];
  for (let i = 0; i < count; i++) findings.push(readFinding(found, i, arena, base));
  const kind = readInt(result, RESULT.kind);
  const checked = readInt(result, RESULT.variant);
  const errors = readSize(result, RESULT.errors);
  return Object.freeze({
    kind: kind === 0 ? null : kindName(kind),
    variant: checked < 0 ? null : checked,
    errors,
    warnings: readSize(result, RESULT.warnings),
    notes: readSize(result, RESULT.notes),
    ok: errors === 0,
    findings: Object.freeze(findings),
  });
}

/** Every finding code the library has, by name, with its severity's name. */
function checkCodes() {
  const codes = {};
  native.CODE_NAMES.forEach((name, code) => {
    const severity = native.CODE_SEVERITIES[code];
    if (severity >= 0) codes[name] = severityName(severity);
  });
  return Object.freeze(codes);
}

module.exports = { check, checkCodes };
