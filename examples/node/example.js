'use strict';
const { compose, Variant, RepayjumpError } = require('repayjump');

try {
  const jump = compose({
    variant: Variant.V3_MERCHANT,
    appid: 'wxcbda96de0b165486',
    mchid: '1900009231',
    openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
  }); // nonceStr left out: a fresh one comes from libsodium
  console.log(`extraData: ${jump.extraDataJson}`);
  console.log(`App path:  ${jump.appPath}`);
} catch (error) {
  if (!(error instanceof RepayjumpError)) throw error;
  console.error(`${error.message} (field ${error.fieldName}, byte ${error.offset})`);
  process.exitCode = 1;
}
