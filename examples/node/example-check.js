'use strict';
// Check the document's iOS App path; print every finding with its fix.
const { check } = require('repayjump');

const appPath =
  'pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486' +
  '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin';
const result = check(appPath);
for (const f of result.findings) {
  console.log(`byte ${f.offset}: ${f.severity}[${f.code}] ${f.message}`);
  console.log(`  fix: ${f.fix}`);
}
console.log(`${result.errors} errors, ${result.warnings} warnings, ${result.notes} notes`);
process.exitCode = result.ok ? 0 : 1;
