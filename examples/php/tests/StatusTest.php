<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Field;
use Repayjump\Flag;
use Repayjump\Library;
use Repayjump\Params;
use Repayjump\RepayjumpException;
use Repayjump\Status;
use Repayjump\StatusResult;
use Repayjump\UserState;
use Repayjump\Variant;

/**
 * The status query against the shared vectors (tests/status/vectors.json,
 * whose path ctest passes in REPAYJUMP_STATUS_VECTORS): every request byte
 * for byte with its sign recomputed by hash_hmac, every answer's verdict,
 * offset and result, the key in no message or trace.
 */
final class StatusTest extends TestCase
{
    /** @var array<string, mixed>|null */
    private static ?array $vectors = null;

    /** @return array<string, mixed> */
    public static function vectors(): array
    {
        if (self::$vectors === null) {
            $path = getenv('REPAYJUMP_STATUS_VECTORS') ?: __DIR__ . '/../../../tests/status/vectors.json';
            self::$vectors = Outputs::json((string) file_get_contents($path));
        }
        return self::$vectors;
    }

    /** Params from a vector's fields, named as in C. @param array<string, mixed> $f */
    public static function params(array $f, ?string $apiKey = null): Params
    {
        return new Params($f['appid'], $f['mchid'], Variant::from($f['variant']),
            openid: $f['openid'] ?? null, nonceStr: $f['nonce_str'] ?? null, subAppid: $f['sub_appid'] ?? null,
            subMchid: $f['sub_mchid'] ?? null, subOpenid: $f['sub_openid'] ?? null,
            apiKey: $apiKey ?? $f['api_key'] ?? null);
    }

    public static function identity(string $name, ?string $apiKey = null): Params
    {
        return self::params(self::vectors()['identities'][$name], $apiKey);
    }

    /** An answer's bytes: raw ones are given as {"hex": ...}. @param array<string, mixed> $v */
    public static function answer(array $v): string
    {
        return is_array($v['answer']) ? (string) hex2bin($v['answer']['hex']) : $v['answer'];
    }

    /** @return list<array{string, string}> the request's elements, in order: a flat <xml>, nothing else */
    private static function requestFields(string $body): array
    {
        self::assertMatchesRegularExpression('#^<xml>(?:<([a-z_]+)>[^<>&]*</\1>)+</xml>$#', $body);
        preg_match_all('#<([a-z_]+)>([^<]*)</\1>#', $body, $m, PREG_SET_ORDER);
        return array_map(static fn (array $e): array => [$e[1], $e[2]], $m);
    }

    /** WeChat Pay's APIv2 signature over every non-empty field but sign. @param list<array{string, string}> $pairs */
    public static function statusSign(array $pairs, string $key): string
    {
        $fields = [];
        foreach ($pairs as [$k, $v]) {
            if ($k !== 'sign' && $v !== '') {
                $fields[$k] = $v;
            }
        }
        ksort($fields, SORT_STRING);
        $text = implode('&', array_map(static fn (string $k, string $v): string => "$k=$v",
            array_keys($fields), $fields));
        return strtoupper(hash_hmac('sha256', $text . '&key=' . $key, $key));
    }

    /** @return array<string, string> the request's fields, once its sign is checked */
    public static function assertSigned(string $body): array
    {
        $pairs = self::requestFields($body);
        $last = $pairs[count($pairs) - 1];
        self::assertSame(['sign', self::statusSign($pairs, self::vectors()['key'])], $last);
        return array_column($pairs, 1, 0);
    }

    public function testEveryRequestByteForByteSignedAsPhpSignsIt(): void
    {
        $variants = [];
        foreach (self::vectors()['requests'] as $v) {
            $q = $v['query'];
            $body = Client::statusRequest(self::params($v['params']), $q['trade_scene'],
                $q['jump_scene'] ?? null, $q['plate_number'] ?? null);
            $this->assertSame($v['body'], $body);
            $fields = self::assertSigned($body);
            $this->assertSame('HMAC-SHA256', $fields['sign_type']);
            $this->assertSame('3.0', $fields['version']);
            foreach ($q as $name => $value) {
                $this->assertSame($value, $fields[$name]);
            }
            $this->assertLessThan(Client::statusRequestMax(), strlen($body));
            $variants[$v['params']['variant']] = true;
        }
        ksort($variants);
        $this->assertSame([0, 1, 2, 3], array_keys($variants));
    }

    public function testADrawnNonceIsSignedTooInEveryVariant(): void
    {
        $seen = [];
        foreach (['v3', 'v3-partner', 'v2', 'v2-partner'] as $name) {
            $params = self::identity($name);
            $params = new Params($params->appid, $params->mchid, $params->variant, openid: Outputs::OPENID,
                subAppid: $params->subAppid, subMchid: $params->subMchid, apiKey: $params->apiKey?->getValue());
            for ($i = 0; $i < 5; $i++) {
                $fields = self::assertSigned(Client::statusRequest($params, 'GAS'));
                $this->assertMatchesRegularExpression('/^[A-Za-z0-9]{32}$/', $fields['nonce_str']);
                $seen[$fields['nonce_str']] = true;
            }
        }
        $this->assertCount(20, $seen);
    }

    public function testEveryAnswerGetsItsVerdictOffsetAndResult(): void
    {
        $statuses = [];
        $key = self::vectors()['key'];
        foreach (self::vectors()['answers'] as $v) {
            $want = $v['result'] ?? [];
            $params = self::identity($v['identity']);
            if ($v['status'] === 0) {
                $r = Client::statusParse($params, self::answer($v));
                $this->assertInstanceOf(StatusResult::class, $r);
                foreach ($want as $name => $value) {
                    $got = $name === 'state' ? $r->state->value : $r->{self::camel($name)};
                    $this->assertSame($value, $got, "{$v['name']}: $name");
                }
                $this->assertSame($r->state === UserState::Overdue, $r->repay());
                $statuses[0] = true;
                continue;
            }
            try {
                Client::statusParse($params, self::answer($v));
                $this->fail("{$v['name']}: trusted");
            } catch (RepayjumpException $e) {
                $statuses[$e->status] = true;
                $this->assertSame($v['status'], $e->status, "{$v['name']}: {$e->getMessage()}");
                $this->assertSame(Status::from($v['status']), $e->statusCase());
                $this->assertSame($e->statusCase()?->constantName(), $e->statusName);
                if (array_key_exists('offset', $v)) {
                    $this->assertSame($v['offset'], $e->offset, $v['name']);
                }
                $this->assertStringNotContainsString("\n", $e->getMessage());
                $this->assertStringNotContainsString($key, (string) $e);
                $words = [$e->returnMsg, $e->errCode, $e->errCodeDes];
                if ($e->status === Status::ReturnFail->value || $e->status === Status::ResultFail->value) {
                    foreach (['return_msg', 'err_code', 'err_code_des'] as $name) {
                        $this->assertIsString($e->{self::camel($name)});
                        if (array_key_exists($name, $want)) {
                            $this->assertSame($want[$name], $e->{self::camel($name)}, "{$v['name']}: $name");
                        }
                    }
                    if ($e->status === Status::ReturnFail->value) {
                        // Unsigned: return_msg only.
                        $this->assertSame(['', ''], [$e->errCode, $e->errCodeDes]);
                    }
                } else {
                    $this->assertSame([null, null, null], $words, $v['name']);
                }
            }
        }
        ksort($statuses);
        $this->assertSame([-17, -16, -15, -14, -13, -12, -11, -10, -5, 0], array_keys($statuses));
    }

    public function testStatesAndTheirNamesAreTheLibrarys(): void
    {
        foreach (UserState::cases() as $state) {
            $this->assertSame($state === UserState::Unknown ? 'unknown' : strtoupper($state->name),
                Library::ffi()->repayjump_user_state_name($state->value));
        }
        foreach (Status::cases() as $status) {
            $this->assertNotSame('unknown status', Library::ffi()->repayjump_strerror($status->value));
        }
        foreach (Field::cases() as $field) {
            $name = strtolower((string) preg_replace('/(?<!^)[A-Z]/', '_$0', $field->name));
            // SignType and Sign are a check finding's only, not repayjump_field's.
            $this->assertSame($name, in_array($field, [Field::SignType, Field::Sign], true)
                ? Library::ffi()->repayjump_check_field_name($field->value)
                : Library::ffi()->repayjump_field_name($field->value));
        }
    }

    public function testAnotherKeyIsASignatureMismatch(): void
    {
        $v = self::vectors()['answers'][0];
        $e = $this->refusal(static fn () => Client::statusParse(
            self::identity($v['identity'], '7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ'), self::answer($v)));
        $this->assertSame(Status::Signature, $e->statusCase());
    }

    public function testUrlsOfEveryVariantPrimaryAndBackup(): void
    {
        foreach (Variant::cases() as $variant) {
            $path = $variant === Variant::V3Partner || $variant === Variant::V2Partner
                ? '/vehicle/partnerpay/querystate' : '/vehicle/pay/querystate';
            $this->assertSame('https://api.mch.weixin.qq.com' . $path, Client::statusUrl($variant));
            $this->assertSame('https://api2.mch.weixin.qq.com' . $path, Client::statusUrl($variant, backup: true));
        }
        $this->assertSame(Client::statusUrl(Variant::V3Merchant), Client::statusUrl());
    }

    /** @return iterable<string, array{array<string, mixed>, Status, Field, int, ?string}> */
    public static function refusals(): iterable
    {
        foreach (['v3', 'v3-partner', 'v2', 'v2-partner'] as $name) {
            // The key in every variant, APIv3 included.
            yield "no key, $name" => [['identity' => $name, 'apiKey' => ''], Status::Missing, Field::ApiKey, 0, null];
        }
        yield 'no trade scene' => [['tradeScene' => ''], Status::Missing, Field::TradeScene, 0,
            'trade_scene: required by the status query'];
        yield 'unknown trade scene' => [['tradeScene' => 'BOAT'], Status::Format, Field::TradeScene, 0, null];
        yield 'lowercase trade scene' => [['tradeScene' => 'parking'], Status::Charset, Field::TradeScene, 0, null];
        yield 'unknown jump scene' => [['jumpScene' => 'WEB'], Status::Format, Field::JumpScene, 0, null];
        yield 'plate without a province' => [['plateNumber' => 'AB888888'], Status::Format, Field::PlateNumber, 0, null];
        // Offsets in UTF-8 bytes: 粤 is three.
        yield 'plate too long' => [['plateNumber' => '粤B8888888'], Status::TooLong, Field::PlateNumber, 10, null];
        yield 'no openid and no plate' => [['openid' => null], Status::Missing, Field::Openid, 0, null];
        yield 'NUL in the trade scene' => [['tradeScene' => "PARK\0ING"], Status::Charset, Field::TradeScene, 4,
            'trade_scene: byte 4 is a NUL byte, which no field allows'];
        yield 'NUL in the jump scene' => [['jumpScene' => "A\0P"], Status::Charset, Field::JumpScene, 1, null];
        yield 'NUL in the plate' => [['plateNumber' => "粤B8\0" . '8888'], Status::Charset, Field::PlateNumber, 5, null];
        yield 'NUL in the openid' => [['openid' => "oU\0x"], Status::Charset, Field::Openid, 2, null];
        yield 'unknown flag bit' => [['flags' => 8], Status::Arg, Field::None, 0, null];
    }

    /**
     * @dataProvider refusals
     * @param array<string, mixed> $change
     */
    public function testTheRequestRefusesWhatStatusMdRefuses(
        array $change, Status $status, Field $field, int $offset, ?string $message,
    ): void {
        $id = self::vectors()['identities'][$change['identity'] ?? 'v3'];
        $params = new Params($id['appid'], $id['mchid'], Variant::from($id['variant']),
            openid: array_key_exists('openid', $change) ? $change['openid'] : Outputs::OPENID,
            subMchid: $id['sub_mchid'] ?? null, apiKey: $change['apiKey'] ?? $id['api_key'],
            flags: $change['flags'] ?? 0);
        $e = $this->refusal(static fn () => Client::statusRequest($params, $change['tradeScene'] ?? 'PARKING',
            $change['jumpScene'] ?? null, $change['plateNumber'] ?? null));
        $this->assertSame([$status->value, $field->value, $offset], [$e->status, $e->field, $e->offset], $e->getMessage());
        if ($message !== null) {
            $this->assertSame($message, $e->getMessage());
        }
        $this->assertStringNotContainsString($id['api_key'], (string) $e);
    }

    public function testRelaxedRulesTakeOtherScenesAndPlates(): void
    {
        $id = self::vectors()['identities']['v3'];
        $params = new Params($id['appid'], $id['mchid'], openid: Outputs::OPENID, apiKey: $id['api_key'],
            flags: Flag::RELAXED);
        $body = Client::statusRequest($params, 'CAR_WASH', 'MP2', 'abc');
        $this->assertStringContainsString('<trade_scene>CAR_WASH</trade_scene>', $body);
        self::assertSigned($body);
    }

    public function testIdentityErrorsReachStatusParseToo(): void
    {
        $v = self::vectors()['answers'][0];
        $id = self::vectors()['identities']['v3'];
        $e = $this->refusal(static fn () => Client::statusParse(new Params($id['appid'], $id['mchid']), self::answer($v)));
        $this->assertSame([Status::Missing, Field::ApiKey->value], [$e->statusCase(), $e->field]);
        $e = $this->refusal(static fn () => Client::statusParse(
            new Params($id['appid'], '19x', apiKey: $id['api_key']), self::answer($v)));
        $this->assertSame([Status::Charset, Field::Mchid->value], [$e->statusCase(), $e->field]);
    }

    public function testTheKeyIsInNoMessageOrTrace(): void
    {
        $secret = 'S3cr3tK3yS3cr3tK3yS3cr3tK3yS3cr3';
        $id = self::vectors()['identities']['v2'];
        $with = static fn (string $key): Params => new Params($id['appid'], $id['mchid'], Variant::V2Merchant,
            openid: Outputs::OPENID, apiKey: $key);
        $errors = [
            $this->refusal(static fn () => Client::statusRequest($with(substr($secret, 0, 31)), 'GAS')),
            $this->refusal(static fn () => Client::statusRequest($with($secret . 'x'), 'GAS')),
            $this->refusal(static fn () => Client::statusRequest($with($secret), 'GAS', 'WEB')),
            $this->refusal(static fn () => Client::statusRequest($with($secret . "\0"), 'GAS')),
        ];
        foreach (self::vectors()['answers'] as $v) {
            if ($v['status'] !== 0) {
                $errors[] = $this->refusal(static fn () => Client::statusParse(
                    self::identity($v['identity'], $secret), self::answer($v)));
            }
        }
        foreach ($errors as $e) {
            // The arguments of the binding's own frames (the test's closures hold the key).
            $arguments = [];
            foreach ($e->getTrace() as $frame) {
                $class = $frame['class'] ?? '';
                if (str_starts_with($class, 'Repayjump\\') && !str_starts_with($class, 'Repayjump\\Tests\\')) {
                    $arguments[] = $frame['args'] ?? [];
                }
            }
            $this->assertNotEmpty($arguments);
            // Traces as strings cut arguments to 15 bytes: look for the key's start.
            foreach ([$e->getMessage(), (string) $e, print_r($arguments, true), var_export($arguments, true)] as $text) {
                $this->assertStringNotContainsString(substr($secret, 0, 12), $text);
            }
        }
        $this->assertStringNotContainsString($secret, Client::statusRequest($with($secret), 'GAS'));
    }

    public function testSizes(): void
    {
        $this->assertSame(Library::STATUS_REQUEST_MAX, Client::statusRequestMax());
        $this->assertSame(Library::ANSWER_MAX, Client::answerMax());
        $this->assertSame(16384, Client::answerMax());
    }

    private static function camel(string $name): string
    {
        return lcfirst(str_replace('_', '', ucwords($name, '_')));
    }

    private function refusal(\Closure $call): RepayjumpException
    {
        try {
            $call();
        } catch (RepayjumpException $e) {
            return $e;
        }
        $this->fail('expected a RepayjumpException');
    }
}
