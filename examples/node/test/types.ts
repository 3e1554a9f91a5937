// A TypeScript program over the installed package: compiled with
// tsc --strict against index.d.ts, then run. It uses the whole API, checks
// at run time that the declarations name every export, enum member, result
// and error property the module has, with the same values, and that misuse
// does not compile (each expected error is marked so in misuse()).
import * as rj from 'repayjump';
import { compose, composeAsync, render, nonce, RepayjumpError, Variant, Format, Flags, Status, Field, UserState } from 'repayjump';
import type { Fields, Result, CheckResult, Finding, StatusOptions, StatusResult } from 'repayjump';

declare const process: { exitCode?: number };

let checks = 0;
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`types.ts: ${what}`);
  checks++;
}
const sorted = (keys: string[]): string => JSON.stringify([...keys].sort());
function sameKeys(declared: object, actual: object, what: string): void {
  check(sorted(Object.keys(declared)) === sorted(Object.keys(actual)), `${what}: declared ${sorted(Object.keys(declared))}, module has ${sorted(Object.keys(actual))}`);
}
function sameEntries(declared: object, actual: object, what: string): void {
  const entries = (o: object) => JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  check(entries(declared) === entries(actual), `${what}: declared ${entries(declared)}, module has ${entries(actual)}`);
}

// Each of these literals must name exactly the declared keys (tsc), and
// then match the module (at run time).
const exportsDeclared: { [K in keyof typeof rj]: true } = {
  compose: true,
  composeAsync: true,
  render: true,
  nonce: true,
  check: true,
  checkCodes: true,
  statusRequest: true,
  statusUrl: true,
  statusParse: true,
  RepayjumpError: true,
  Variant: true,
  Format: true,
  Flags: true,
  Status: true,
  Field: true,
  UserState: true,
  TARGET_APPID: true,
  TARGET_USERNAME: true,
  TARGET_PATH: true,
  OUTPUT_MAX: true,
  FIELD_MAX: true,
  STATUS_REQUEST_MAX: true,
  ANSWER_MAX: true,
  version: true,
  versionNumber: true,
};
const variants: typeof Variant = { V3_MERCHANT: 0, V3_PARTNER: 1, V2_MERCHANT: 2, V2_PARTNER: 3 };
const formats: typeof Format = { EXTRA_DATA_JSON: 0, NAVIGATE_JSON: 1, APP_PATH: 2, APP_LAUNCH_JSON: 3 };
const flags: typeof Flags = { ALLOW_NO_OPENID: 1, RELAXED: 2 };
const statuses: typeof Status = {
  OK: 0, E_ARG: -1, E_BUFFER: -2, E_RNG: -3, E_MISSING: -4, E_TOO_LONG: -5,
  E_CHARSET: -6, E_FORMAT: -7, E_NOT_ALLOWED: -8, E_CONFLICT: -9,
  E_TOO_LARGE: -10, E_XML: -11, E_DUPLICATE: -12, E_RETURN_FAIL: -13,
  E_SIGNATURE: -14, E_ECHO: -15, E_RESULT_FAIL: -16, E_NO_STATE: -17,
};
const fields: typeof Field = {
  NONE: 0, APPID: 1, MCHID: 2, NONCE_STR: 3, OPENID: 4,
  SUB_APPID: 5, SUB_MCHID: 6, SUB_OPENID: 7, API_KEY: 8,
  TRADE_SCENE: 9, JUMP_SCENE: 10, PLATE_NUMBER: 11, SIGN_TYPE: 64, SIGN: 65,
};
const userStates: typeof UserState = { UNKNOWN: 0, NORMAL: 1, PAUSED: 2, OVERDUE: 3, UNAUTHORIZED: 4 };
const statusResultDeclared: { [K in keyof StatusResult]: true } = {
  state: true, userState: true, deductMode: true, openid: true, subOpenid: true, path: true,
  plateNumberInfo: true, plateNumber: true, repay: true,
};
const resultDeclared: { [K in keyof Result]: true } = {
  nonceStr: true, sign: true, extraDataJson: true, navigateJson: true, appPath: true, appLaunchJson: true,
};
const checkResultDeclared: { [K in keyof CheckResult]: true } = {
  kind: true, variant: true, errors: true, warnings: true, notes: true, ok: true, findings: true,
};
const findingDeclared: { [K in keyof Finding]: true } = {
  code: true, severity: true, field: true, fieldName: true, key: true, offset: true, length: true,
  inValue: true, message: true, fix: true,
};
const errorDeclared: { [K in Exclude<keyof RepayjumpError, keyof Error>]: true } = {
  status: true, statusName: true, code: true, field: true, fieldName: true, offset: true,
  returnMsg: true, errCode: true, errCodeDes: true,
};

// Every option, so that compose() refuses any the module does not know.
const everyOption: Required<Fields> = {
  variant: Variant.V2_PARTNER,
  flags: 0,
  appid: 'wxcbda96de0b165486',
  mchid: '1900009231',
  nonceStr: null,
  openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
  subAppid: 'wx8888888888888888',
  subMchid: '1900000109',
  subOpenid: null,
  apiKey: new TextEncoder().encode('192006250b4c09247ec02edce69f6a2d'),
};
// Every status option, so that statusRequest() refuses any the module does not know.
const everyStatusOption: Required<StatusOptions> = {
  ...everyOption,
  tradeScene: 'PARKING SPACE',
  jumpScene: 'APP',
  plateNumber: '粤B888888',
};
// A trusted answer of tests/status/vectors.json, signed with everyOption's key.
const normalAnswer =
  '<xml><return_code>SUCCESS</return_code><return_msg>OK</return_msg><appid>wxcbda96de0b165486</appid>' +
  '<mch_id>1900009231</mch_id><nonce_str>IITRi8Iabbblz1Jc</nonce_str><result_code>SUCCESS</result_code>' +
  '<user_state>NORMAL</user_state><sign>B6D8D2F6C84B3FE2BA9A099A1C3C5409E25BA903AC69B0F3943901362785474A</sign></xml>';

const doc: Fields = {
  appid: 'wxcbda96de0b165486',
  mchid: '1900009231',
  openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
};

// Never called: each line must fail to compile.
function misuse(): void {
  // @ts-expect-error an unknown option
  compose({ ...doc, mchId: '1900009231' });
  // @ts-expect-error the key is bytes, never a string
  compose({ ...doc, apiKey: '192006250b4c09247ec02edce69f6a2d' });
  // @ts-expect-error a number that names no variant
  compose({ ...doc, variant: 7 });
  // @ts-expect-error a format is a Format value
  render('APP_PATH', doc);
  // @ts-expect-error sign is null outside APIv2
  const sign: string = compose(doc).sign;
  // @ts-expect-error results are read-only
  compose(doc).appPath = sign;
  // @ts-expect-error composeAsync gives a Promise
  const path: string = composeAsync(doc).appPath;
  void path;
  // @ts-expect-error tradeScene is required
  rj.statusRequest({ ...doc, apiKey: everyOption.apiKey });
  // @ts-expect-error an answer is bytes or a string
  rj.statusParse(doc, 12);
  // @ts-expect-error a state is a UserState
  const state: 'OVERDUE' = rj.statusParse(doc, normalAnswer).state;
  void state;
}

async function main(): Promise<void> {
  // A newer tsc (esModuleInterop, its default from 5.x on) compiles
  // `import * as` of a CommonJS module into a copy of its exports plus
  // `default`, the module itself: that key is the compiler's, not ours.
  const { default: wrapped, ...exportsActual } = rj as typeof rj & { default?: unknown };
  if (wrapped !== undefined) sameKeys(exportsDeclared, wrapped as object, 'exports (default)');
  sameKeys(exportsDeclared, wrapped !== undefined ? exportsActual : rj, 'exports');
  sameEntries(variants, Variant, 'Variant');
  sameEntries(formats, Format, 'Format');
  sameEntries(flags, Flags, 'Flags');
  sameEntries(statuses, Status, 'Status');
  sameEntries(fields, Field, 'Field');
  sameEntries(userStates, UserState, 'UserState');

  const jump: Result = compose({ ...doc, variant: Variant.V3_MERCHANT, flags: Flags.RELAXED });
  sameKeys(resultDeclared, jump, 'Result');
  check(jump.sign === null && jump.nonceStr.length === rj.FIELD_MAX, 'v3 result');
  check(jump.appPath.startsWith(rj.TARGET_PATH), 'appPath');

  const signed = await composeAsync(everyOption);
  check(typeof signed.sign === 'string' && /^[0-9A-F]{64}$/.test(signed.sign), 'v2 sign');
  const path: string = render(Format.APP_PATH, { ...doc, nonceStr: jump.nonceStr });
  check(path === jump.appPath, 'render agrees with compose');
  check(nonce().length === rj.FIELD_MAX && nonce(8).length === 8, 'nonce');

  // check: the declared result and finding keys are the module's, and a
  // composed path checks clean while the document's =weixin does not.
  const clean: CheckResult = rj.check(jump.appPath);
  check(clean.ok && clean.kind === 'app_path' && clean.findings.length === 0, 'composed path checks clean');
  const found: CheckResult = rj.check({ ...JSON.parse(jump.extraDataJson), openid: 'oUpF8uMEb4qRXf22hE3X68TekukE=weixin' }, { variant: Variant.V3_MERCHANT });
  const first: Finding = found.findings[0];
  check(!found.ok && first.code === 'value.equals' && first.key === 'openid' && first.inValue, 'a finding');
  sameKeys(checkResultDeclared, found, 'CheckResult');
  sameKeys(findingDeclared, first, 'Finding');
  check(rj.checkCodes()['value.space'] === 'error', 'checkCodes');
  // A navigate argument: its extraData's members under 'extraData.<key>'.
  const navigate: CheckResult = rj.check({ ...JSON.parse(jump.navigateJson), extraData: { ...JSON.parse(jump.extraDataJson), nonce_str: 'a b' } });
  check(navigate.kind === 'navigate' && navigate.findings[0].key === 'extraData.nonce_str', 'a navigate argument');

  // The status query: a request for every option, an answer trusted, one refused.
  const body: string = rj.statusRequest(everyStatusOption);
  check(body.startsWith('<xml><appid>') && body.includes('<plate_number>粤B888888</plate_number>'), 'statusRequest');
  check(rj.statusUrl(Variant.V2_PARTNER, true) === 'https://api2.mch.weixin.qq.com/vehicle/partnerpay/querystate', 'statusUrl');
  const identity: Fields = { appid: everyOption.appid, mchid: everyOption.mchid, apiKey: everyOption.apiKey };
  const answered: StatusResult = rj.statusParse(identity, normalAnswer);
  check(answered.state === UserState.NORMAL && answered.userState === 'NORMAL' && !answered.repay, 'statusParse');
  sameKeys(statusResultDeclared, answered, 'StatusResult');
  check(rj.ANSWER_MAX === 16384 && rj.STATUS_REQUEST_MAX === 1024, 'status sizes');
  try {
    rj.statusParse(identity, '<xml><return_code>FAIL</return_code><return_msg>签名错误</return_msg></xml>');
    check(false, 'a FAIL answer throws');
  } catch (error) {
    if (!(error instanceof RepayjumpError)) throw error;
    const words: string | null = error.returnMsg;
    check(error.status === Status.E_RETURN_FAIL && words === '签名错误' && error.errCode === '', 'returnMsg');
  }

  try {
    compose({ ...doc, mchid: '1900x231' });
    check(false, 'a bad mchid throws');
  } catch (error) {
    if (!(error instanceof RepayjumpError)) throw error;
    const status: Status = error.status;
    check(status === Status.E_CHARSET && error.code === 'REPAYJUMP_E_CHARSET', 'status, code');
    check(error.field === Field.MCHID && error.fieldName === 'mchid' && error.offset === 4, 'field, offset');
    // Its own enumerable properties: name (of Error) and the declared ones.
    const own = Object.fromEntries(Object.keys(error).filter((k) => k !== 'name').map((k) => [k, true]));
    sameKeys(errorDeclared, own, 'RepayjumpError');
  }

  check(typeof rj.TARGET_APPID === 'string' && typeof rj.TARGET_USERNAME === 'string', 'targets');
  check(rj.OUTPUT_MAX > rj.FIELD_MAX, 'sizes');
  const [major, minor, patch] = rj.version.split('.').map(Number);
  check(rj.versionNumber === ((major << 16) | (minor << 8) | patch), 'version');
  console.log(`types.ts: ${checks} passed, 0 failed`);
}

void misuse;
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
