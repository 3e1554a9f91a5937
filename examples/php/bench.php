<?php

// The binding's compose (all four outputs, fresh nonce, APIv3 merchant)
// against the same job in pure PHP: the same strict checks with preg_match,
// json_encode, http_build_query (RFC 3986) and a 32-character nonce from
// random_int. Reports the median ns/op of several repeats, and the ratio.
//
//   php bench.php [ITERATIONS [REPEATS]]

declare(strict_types=1);

require __DIR__ . '/src/autoload.php';

use Repayjump\{Client, Format, Result, Variant};

const APPID = 'wxcbda96de0b165486';
const MCHID = '1900009231';
const OPENID = 'oUpF8uMEb4qRXf22hE3X68TekukE';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pureNonce(): string
{
    $nonce = '';
    for ($i = 0; $i < 32; $i++) {
        $nonce .= ALPHABET[random_int(0, 61)];
    }
    return $nonce;
}

/** @return array{string, string, string, string} the four outputs */
function pureCompose(string $appid, string $mchid, string $openid, string $nonce): array
{
    if (!preg_match('/^wx[0-9a-f]{16}$/D', $appid) || !preg_match('/^[0-9]{1,32}$/D', $mchid)
        || !preg_match('/^[A-Za-z0-9_-]{1,32}$/D', $openid)) {
        throw new InvalidArgumentException('invalid field');
    }
    $fields = ['appid' => $appid, 'mchid' => $mchid, 'nonce_str' => $nonce, 'openid' => $openid];
    $path = 'pages/invest_list/invest_list?' . http_build_query($fields, '', '&', PHP_QUERY_RFC3986);
    $flags = JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR;
    return [
        json_encode($fields, $flags),
        json_encode(['appId' => 'wx5e73c65404eee268', 'path' => 'pages/invest_list/invest_list',
            'extraData' => $fields, 'envVersion' => 'release'], $flags),
        $path,
        json_encode(['userName' => 'gh_5e259b7a73b1', 'path' => $path, 'miniProgramType' => 0], $flags),
    ];
}

/** The nonce random_bytes-based, one system call: how far the pure version can go. */
function pureNonceFromBytes(): string
{
    $nonce = '';
    while (strlen($nonce) < 32) {
        foreach (unpack('C*', random_bytes(64)) as $byte) {
            if ($byte < 248 && strlen($nonce) < 32) {
                $nonce .= ALPHABET[$byte % 62];
            }
        }
    }
    return $nonce;
}

$iterations = (int) ($argv[1] ?? 20000);
$repeats = (int) ($argv[2] ?? 7);

// Once: the pure version must produce the binding's bytes for the binding's nonce.
$bound = Client::compose(Variant::V3Merchant, appid: APPID, mchid: MCHID, openid: OPENID);
$pure = pureCompose(APPID, MCHID, OPENID, $bound->nonceStr);
foreach ([Format::ExtraDataJson, Format::NavigateJson, Format::AppPath, Format::AppLaunchJson] as $i => $format) {
    if ($pure[$i] !== $bound->output($format)) {
        fwrite(STDERR, "pure PHP differs from the binding in {$format->name}:\n$pure[$i]\n{$bound->output($format)}\n");
        exit(1);
    }
}
parse_str((string) parse_url($pure[2], PHP_URL_QUERY), $query);
if ($query !== json_decode($pure[0], true, flags: JSON_THROW_ON_ERROR)) {
    fwrite(STDERR, "pure PHP's path and extraData hold different fields\n");
    exit(1);
}

$contenders = [
    'binding  Client::compose' => static fn (): Result => Client::compose(Variant::V3Merchant,
        appid: APPID, mchid: MCHID, openid: OPENID),
    'pure PHP random_int nonce' => static fn (): array => pureCompose(APPID, MCHID, OPENID, pureNonce()),
    'pure PHP random_bytes nonce' => static fn (): array => pureCompose(APPID, MCHID, OPENID, pureNonceFromBytes()),
];
$samples = array_fill_keys(array_keys($contenders), []);
for ($r = 0; $r < $repeats; $r++) {
    foreach ($contenders as $name => $run) {
        $start = hrtime(true);
        for ($i = 0; $i < $iterations; $i++) {
            $run();
        }
        $samples[$name][] = (hrtime(true) - $start) / $iterations;
    }
}

$median = static function (array $values): float {
    sort($values);
    $n = count($values);
    return $n % 2 ? $values[intdiv($n, 2)] : ($values[$n / 2 - 1] + $values[$n / 2]) / 2;
};
printf("compose, APIv3 merchant, 4 outputs and a fresh nonce; PHP %s, %d ops x %d repeats, median\n",
    PHP_VERSION, $iterations, $repeats);
$binding = $median($samples['binding  Client::compose']);
foreach ($samples as $name => $values) {
    $ns = $median($values);
    printf("  %-28s %8.0f ns/op  %5.2fx the binding's time\n", $name, $ns, $ns / $binding);
}
echo "outputs identical to the pure PHP version: yes\n";
