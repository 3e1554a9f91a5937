<?php

require __DIR__ . '/src/autoload.php';

use Repayjump\{Client, Variant};

$jump = Client::compose(Variant::V3Merchant,
    appid: 'wxcbda96de0b165486', mchid: '1900009231', openid: 'oUpF8uMEb4qRXf22hE3X68TekukE');
echo "extraData: {$jump->extraDataJson}\n";
echo "App path:  {$jump->appPath}\n";
