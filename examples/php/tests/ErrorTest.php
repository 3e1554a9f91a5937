<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Field;
use Repayjump\Flag;
use Repayjump\Format;
use Repayjump\Params;
use Repayjump\RepayjumpException;
use Repayjump\Status;
use Repayjump\Variant;

final class ErrorTest extends TestCase
{
    private const KEY = '7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ';

    /**
     * Each status the library gives through compose: params, then status,
     * field, offset and (where the README quotes it) the exact message.
     *
     * @return iterable<string, array{Params, Status, Field, int, ?string}>
     */
    public static function refusals(): iterable
    {
        $o = Outputs::OPENID;
        yield 'missing appid' => [new Params('', Outputs::MCHID, openid: $o), Status::Missing, Field::Appid, 0, null];
        yield 'missing openid' => [new Params(Outputs::APPID, Outputs::MCHID), Status::Missing, Field::Openid, 0,
            'openid: required by the APIv3 merchant variant; set REPAYJUMP_ALLOW_NO_OPENID to leave it out'];
        yield 'missing sub_mchid' => [new Params(Outputs::APPID, Outputs::MCHID, Variant::V3Partner, openid: $o),
            Status::Missing, Field::SubMchid, 0, null];
        yield 'missing api_key' => [new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Merchant, openid: $o),
            Status::Missing, Field::ApiKey, 0, null];
        yield 'openid too long' => [new Params(Outputs::APPID, Outputs::MCHID, openid: str_repeat('a', 33)),
            Status::TooLong, Field::Openid, 32, null];
        yield 'mchid charset' => [new Params(Outputs::APPID, '1900x231', openid: $o), Status::Charset, Field::Mchid, 4,
            "mchid: byte 4 is 'x'; expected a digit"];
        yield 'nonce charset' => [new Params(Outputs::APPID, Outputs::MCHID, openid: $o, nonceStr: 'abc def'),
            Status::Charset, Field::NonceStr, 3, null];
        yield 'appid uppercase hex' => [new Params('wxCbda96de0b165486', Outputs::MCHID, openid: $o),
            Status::Format, Field::Appid, 2, "appid: byte 2 is 'C'; expected wx followed by 16 lowercase hex digits"];
        yield 'api_key too short' => [new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Merchant, openid: $o,
            apiKey: substr(self::KEY, 0, 31)), Status::Format, Field::ApiKey, 31, null];
        yield 'sub_mchid on a merchant' => [new Params(Outputs::APPID, Outputs::MCHID, openid: $o, subMchid: '1900000109'),
            Status::NotAllowed, Field::SubMchid, 0, null];
        yield 'api_key on APIv3' => [new Params(Outputs::APPID, Outputs::MCHID, openid: $o, apiKey: self::KEY),
            Status::NotAllowed, Field::ApiKey, 0, null];
        yield 'sub_openid without sub_appid' => [new Params(Outputs::APPID, Outputs::MCHID, Variant::V3Partner,
            subMchid: '1900000109', subOpenid: $o), Status::Conflict, Field::SubOpenid, 0, null];
        yield 'unknown flag bit' => [new Params(Outputs::APPID, Outputs::MCHID, openid: $o, flags: 4),
            Status::Arg, Field::None, 0, null];
    }

    /** @dataProvider refusals */
    public function testComposeRefusesWithStatusFieldAndOffset(
        Params $params, Status $status, Field $field, int $offset, ?string $message,
    ): void {
        $e = $this->refusal(static fn () => Client::composeParams($params));
        $this->assertSame($status->value, $e->status);
        $this->assertSame($status->value, $e->getCode());
        $this->assertSame($status, $e->statusCase());
        $this->assertSame($status->constantName(), $e->statusName);
        $this->assertSame($field->value, $e->field);
        $this->assertSame($offset, $e->offset);
        if ($message !== null) {
            $this->assertSame($message, $e->getMessage());
        }
        if ($field !== Field::None) {
            $this->assertStringStartsWith($e->fieldName . ':', $e->getMessage());
        }
        $this->assertNotSame('', $e->getMessage());
        $this->assertStringNotContainsString("\n", $e->getMessage());
        $this->assertStringNotContainsString(self::KEY, $e->getMessage());
    }

    public function testFieldNamesAreTheLibrarys(): void
    {
        $e = $this->refusal(static fn () => Client::compose(Variant::V3Partner, appid: Outputs::APPID,
            mchid: Outputs::MCHID, subMchid: '1900000109', subOpenid: Outputs::OPENID));
        $this->assertSame('sub_openid', $e->fieldName);
        $this->assertSame('REPAYJUMP_E_CONFLICT', $e->statusName);
        $e = $this->refusal(static fn () => Client::compose(Variant::V3Merchant, appid: Outputs::APPID,
            mchid: Outputs::MCHID, openid: Outputs::OPENID, flags: 8));
        $this->assertSame('none', $e->fieldName);
    }

    public function testApiKeyByteIsNeverEchoed(): void
    {
        $key = '7mdApPMf~ddfWc6A8HhRZ0aQpMCdq1mZ';
        $e = $this->refusal(static fn () => Client::compose(Variant::V2Merchant, appid: Outputs::APPID,
            mchid: Outputs::MCHID, openid: Outputs::OPENID, apiKey: $key));
        $this->assertSame(Status::Charset->value, $e->status);
        $this->assertSame(8, $e->offset);
        $this->assertSame('api_key: byte 8 is not allowed; expected exactly 32 letters or digits', $e->getMessage());
    }

    /** @return iterable<string, array{string, Field}> */
    public static function stringFields(): iterable
    {
        yield 'appid' => ['appid', Field::Appid];
        yield 'mchid' => ['mchid', Field::Mchid];
        yield 'nonceStr' => ['nonceStr', Field::NonceStr];
        yield 'openid' => ['openid', Field::Openid];
        yield 'subAppid' => ['subAppid', Field::SubAppid];
        yield 'subMchid' => ['subMchid', Field::SubMchid];
        yield 'subOpenid' => ['subOpenid', Field::SubOpenid];
        yield 'apiKey' => ['apiKey', Field::ApiKey];
    }

    /** @dataProvider stringFields */
    public function testNulByteIsRefusedNotTruncated(string $argument, Field $field): void
    {
        // Valid v2 partner values, then one of them with a NUL inside.
        $arguments = [
            'appid' => Outputs::APPID,
            'mchid' => Outputs::MCHID,
            'nonceStr' => Outputs::NONCE,
            'openid' => Outputs::OPENID,
            'subAppid' => 'wx8888888888888888',
            'subMchid' => '1900000109',
            'subOpenid' => 'oUpF8uN95-Ptaags6E_roPHg7AG0',
            'apiKey' => self::KEY,
        ];
        $valid = Client::compose(Variant::V2Partner, ...$arguments);
        $this->assertSame(Outputs::NONCE, $valid->nonceStr);

        $arguments[$argument] = substr($arguments[$argument], 0, 5) . "\0" . substr($arguments[$argument], 5);
        $e = $this->refusal(static fn () => Client::compose(Variant::V2Partner, ...$arguments));
        $this->assertSame(Status::Charset->value, $e->status);
        $this->assertSame($field->value, $e->field);
        $this->assertSame(5, $e->offset);
        $this->assertSame($e->fieldName . ': byte 5 is a NUL byte, which no field allows', $e->getMessage());
        $this->assertStringNotContainsString(substr(self::KEY, 0, 5), $e->getMessage());
    }

    public function testFlagsBeyondUnsignedAreRefusedNotWrapped(): void
    {
        foreach ([-1, 1 << 32, (1 << 32) | Flag::RELAXED] as $flags) {
            $e = $this->refusal(static fn () => Client::compose(Variant::V3Merchant, appid: Outputs::APPID,
                mchid: Outputs::MCHID, openid: Outputs::OPENID, flags: $flags));
            $this->assertSame(Status::Arg->value, $e->status, (string) $flags);
        }
    }

    public function testRenderNeedsTheNonce(): void
    {
        $e = $this->refusal(static fn () => Client::render(
            new Params(Outputs::APPID, Outputs::MCHID, openid: Outputs::OPENID), Format::AppPath));
        $this->assertSame(Status::Missing->value, $e->status);
        $this->assertSame(Field::NonceStr->value, $e->field);
    }

    public function testRenderRefusesLikeCompose(): void
    {
        $e = $this->refusal(static fn () => Client::render(
            new Params(Outputs::APPID, '1900x231', openid: Outputs::OPENID, nonceStr: Outputs::NONCE), Format::ExtraDataJson));
        $this->assertSame("mchid: byte 4 is 'x'; expected a digit", $e->getMessage());
        $this->assertSame(4, $e->offset);
    }

    public function testUnknownVariantsAndFormatsCannotBeExpressed(): void
    {
        // The enums stand where the C API takes an int: an unknown value
        // never reaches the library, PHP refuses it first.
        $this->expectException(\ValueError::class);
        Variant::from(4);
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
