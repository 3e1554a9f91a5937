<?php

require __DIR__ . '/src/autoload.php';

use Repayjump\Client;

// The document's iOS App path: every finding, with its fix.
$appPath = 'pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486'
    . '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin';
$result = Client::check($appPath);
foreach ($result->findings as $f) {
    echo "byte {$f->offset}: {$f->severity}[{$f->code}] {$f->message}\n";
    echo "  fix: {$f->fix}\n";
}
echo "{$result->errors} errors, {$result->warnings} warnings, {$result->notes} notes\n";
exit($result->ok() ? 0 : 1);
