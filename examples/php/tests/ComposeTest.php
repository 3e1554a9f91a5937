<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Flag;
use Repayjump\Format;
use Repayjump\Params;
use Repayjump\Variant;

final class ComposeTest extends TestCase
{
    private const KEY = '7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ';
    private const SUB_APPID = 'wx8888888888888888';
    private const SUB_MCHID = '1900000109';
    private const SUB_OPENID = 'oUpF8uN95-Ptaags6E_roPHg7AG0';

    public function testReferenceCaseGivesTheContractsAppPath(): void
    {
        $r = Client::compose(Variant::V3Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID,
            openid: Outputs::OPENID, nonceStr: Outputs::NONCE);
        $this->assertSame('pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid=1900009231'
            . '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE', $r->appPath);
        Outputs::assertHolds($r, [
            'appid' => Outputs::APPID,
            'mchid' => Outputs::MCHID,
            'nonce_str' => Outputs::NONCE,
            'openid' => Outputs::OPENID,
        ]);
        $this->assertSame(Variant::V3Merchant, $r->variant);
    }

    public function testFreshNonceEachCompose(): void
    {
        $a = Client::compose(Variant::V3Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID, openid: Outputs::OPENID);
        $b = Client::compose(Variant::V3Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID, openid: Outputs::OPENID);
        $this->assertMatchesRegularExpression('/^[A-Za-z0-9]{32}$/', $a->nonceStr);
        $this->assertNotSame($a->nonceStr, $b->nonceStr);
        $this->assertNull($a->sign);
        Outputs::assertHolds($a, [
            'appid' => Outputs::APPID,
            'mchid' => Outputs::MCHID,
            'nonce_str' => $a->nonceStr,
            'openid' => Outputs::OPENID,
        ]);
    }

    public function testV3PartnerEmitsEveryFieldInTheContractsOrder(): void
    {
        $r = Client::compose(Variant::V3Partner, appid: Outputs::APPID, mchid: Outputs::MCHID,
            openid: Outputs::OPENID, subAppid: self::SUB_APPID, subMchid: self::SUB_MCHID, subOpenid: self::SUB_OPENID);
        Outputs::assertHolds($r, [
            'appid' => Outputs::APPID,
            'sub_appid' => self::SUB_APPID,
            'mchid' => Outputs::MCHID,
            'sub_mch_id' => self::SUB_MCHID,
            'nonce_str' => $r->nonceStr,
            'openid' => Outputs::OPENID,
            'sub_openid' => self::SUB_OPENID,
        ]);
    }

    public function testV3PartnerLeavesAbsentFieldsOut(): void
    {
        $r = Client::compose(Variant::V3Partner, appid: Outputs::APPID, mchid: Outputs::MCHID,
            subMchid: self::SUB_MCHID, openid: Outputs::OPENID, subAppid: '');
        Outputs::assertHolds($r, [
            'appid' => Outputs::APPID,
            'mchid' => Outputs::MCHID,
            'sub_mch_id' => self::SUB_MCHID,
            'nonce_str' => $r->nonceStr,
            'openid' => Outputs::OPENID,
        ]);
    }

    public function testOurV2SignMatchesWeChatsPublishedExample(): void
    {
        // The reference signer used below, on WeChat Pay's own example.
        $this->assertSame('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6', Outputs::v2Sign([
            'appid' => 'wxd930ea5d5a258f4f',
            'mch_id' => '10000100',
            'device_info' => '1000',
            'body' => 'test',
            'nonce_str' => 'ibuaiVcKdpRxkhJA',
        ], '192006250b4c09247ec02edce69f6a2d'));
    }

    public function testV2MerchantIsSignedWithHmacSha256(): void
    {
        $r = Client::compose(Variant::V2Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID,
            openid: Outputs::OPENID, apiKey: self::KEY);
        $fields = [
            'appid' => Outputs::APPID,
            'mch_id' => Outputs::MCHID,
            'nonce_str' => $r->nonceStr,
            'openid' => Outputs::OPENID,
            'sign_type' => 'HMAC-SHA256',
        ];
        $fields['sign'] = Outputs::v2Sign($fields, self::KEY);
        Outputs::assertHolds($r, $fields);
    }

    public function testV2PartnerIsSignedOverEveryEmittedField(): void
    {
        $r = Client::compose(Variant::V2Partner, appid: Outputs::APPID, mchid: Outputs::MCHID,
            openid: Outputs::OPENID, nonceStr: Outputs::NONCE, subAppid: self::SUB_APPID,
            subMchid: self::SUB_MCHID, subOpenid: self::SUB_OPENID, apiKey: self::KEY);
        $fields = [
            'appid' => Outputs::APPID,
            'sub_appid' => self::SUB_APPID,
            'mch_id' => Outputs::MCHID,
            'sub_mch_id' => self::SUB_MCHID,
            'nonce_str' => Outputs::NONCE,
            'openid' => Outputs::OPENID,
            'sub_openid' => self::SUB_OPENID,
            'sign_type' => 'HMAC-SHA256',
        ];
        $fields['sign'] = Outputs::v2Sign($fields, self::KEY);
        Outputs::assertHolds($r, $fields);
        $this->assertStringNotContainsString(self::KEY, $r->appLaunchJson . $r->navigateJson);
    }

    public function testAllowNoOpenidLeavesItOut(): void
    {
        $r = Client::compose(Variant::V3Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID,
            flags: Flag::ALLOW_NO_OPENID);
        Outputs::assertHolds($r, [
            'appid' => Outputs::APPID,
            'mchid' => Outputs::MCHID,
            'nonce_str' => $r->nonceStr,
        ]);
    }

    public function testRelaxedAcceptsTestAccountIds(): void
    {
        $r = Client::compose(Variant::V2Merchant, appid: 'test_App-1', mchid: 'sandbox-42',
            openid: Outputs::OPENID, apiKey: 'short~key!', flags: Flag::RELAXED);
        $fields = [
            'appid' => 'test_App-1',
            'mch_id' => 'sandbox-42',
            'nonce_str' => $r->nonceStr,
            'openid' => Outputs::OPENID,
            'sign_type' => 'HMAC-SHA256',
        ];
        $fields['sign'] = Outputs::v2Sign($fields, 'short~key!');
        Outputs::assertHolds($r, $fields);
    }

    public function testParamsComposeLikeNamedArguments(): void
    {
        $params = new Params(appid: Outputs::APPID, mchid: Outputs::MCHID, variant: Variant::V2Merchant,
            openid: Outputs::OPENID, nonceStr: Outputs::NONCE, apiKey: self::KEY);
        $viaParams = Client::composeParams($params);
        $viaArguments = Client::compose(Variant::V2Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID,
            openid: Outputs::OPENID, nonceStr: Outputs::NONCE, apiKey: self::KEY);
        $this->assertEquals($viaArguments, $viaParams);
    }

    /** @return iterable<string, array{Params}> */
    public static function everyVariant(): iterable
    {
        yield 'v3 merchant' => [new Params(Outputs::APPID, Outputs::MCHID, openid: Outputs::OPENID)];
        yield 'v3 partner' => [new Params(Outputs::APPID, Outputs::MCHID, Variant::V3Partner,
            subAppid: self::SUB_APPID, subMchid: self::SUB_MCHID, subOpenid: self::SUB_OPENID)];
        yield 'v2 merchant' => [new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Merchant,
            openid: Outputs::OPENID, apiKey: self::KEY)];
        yield 'v2 partner' => [new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Partner,
            openid: Outputs::OPENID, subMchid: self::SUB_MCHID, apiKey: self::KEY)];
    }

    /** @dataProvider everyVariant */
    public function testRenderGivesComposesOutputsForTheSameNonce(Params $params): void
    {
        $composed = Client::composeParams($params);
        $again = $params->withNonce($composed->nonceStr);
        foreach (Format::cases() as $format) {
            $this->assertSame($composed->output($format), Client::render($again, $format), $format->name);
        }
        $this->assertEquals($composed, Client::composeParams($again));
    }
}
