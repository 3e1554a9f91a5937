<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\CheckResult;
use Repayjump\Client;
use Repayjump\Field;
use Repayjump\Finding;
use Repayjump\Flag;
use Repayjump\Params;
use Repayjump\RepayjumpException;
use Repayjump\Variant;

/**
 * Client::check on the document's own samples, on every output compose
 * writes, and on arrays as json_decode gives them.
 */
final class CheckTest extends TestCase
{
    // The document's App paths, verbatim.
    public const IOS_PATH = 'pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486'
        . '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin';
    public const ANDROID_PATH = 'pages/invest_list/invest_list?mchid=1900009231&appid=wxcbda96de0b165486'
        . '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin';
    public const EXTRA_DATA = [
        'appid' => Outputs::APPID,
        'mchid' => Outputs::MCHID,
        'nonce_str' => Outputs::NONCE,
        'openid' => Outputs::OPENID,
    ];
    private const KEY = '7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ';
    private const WRONG_KEY = 'W0ngK3yW0ngK3yW0ngK3yW0ngK3yW0ng';
    private const SUB_APPID = 'wx8888888888888888';
    private const SUB_MCHID = '1900000109';
    private const SUB_OPENID = 'oUpF8uN95-Ptaags6E_roPHg7AG0';

    public function testTheDocumentsIosPath(): void
    {
        $r = Client::check(self::IOS_PATH);
        $this->assertSame(['key.version', 'value.space', 'value.equals'], $r->codes());
        $this->assertSame(['app_path', Variant::V3Merchant], [$r->kind, $r->variant]);
        $this->assertSame([3, 0, 0, false], [$r->errors, $r->warnings, $r->notes, $r->ok()]);
        [$version, $space, $equals] = $r->findings;
        $this->assertAt($version, self::IOS_PATH, 'mch_id', 'mch_id');
        $this->assertSame(strlen('mch_id'), $version->length);
        $this->assertAt($space, self::IOS_PATH, ' &openid', 'nonce_str');
        $this->assertSame(1, $space->length);
        $this->assertAt($equals, self::IOS_PATH, '=weixin', 'openid');
        $this->assertSame([Field::Mchid->value, Field::NonceStr->value, Field::Openid->value],
            array_map(static fn (Finding $f): int => $f->field, $r->findings));
        $this->assertSame(['mchid', 'nonce_str', 'openid'],
            array_map(static fn (Finding $f): string => $f->fieldName, $r->findings));
        foreach ($r->findings as $f) {
            $this->assertSame('error', $f->severity);
            $this->assertNotSame('', $f->message);
            $this->assertNotSame('', $f->fix);
            $this->assertStringNotContainsString("\n", $f->message . $f->fix);
        }
    }

    public function testTheDocumentsAndroidPath(): void
    {
        $r = Client::check(self::ANDROID_PATH);
        $this->assertSame(['value.equals'], $r->codes());
        $this->assertAt($r->findings[0], self::ANDROID_PATH, '=weixin', 'openid');
    }

    public function testABareQuery(): void
    {
        $query = substr(self::ANDROID_PATH, strpos(self::ANDROID_PATH, '?') + 1);
        $r = Client::check($query);
        $this->assertSame('query', $r->kind);
        $this->assertSame(['value.equals'], $r->codes());
        $this->assertAt($r->findings[0], $query, '=weixin', 'openid');
    }

    public function testANumberIsNotAStringAndTheFixQuotesIt(): void
    {
        $r = Client::checkArray(['mchid' => 1900009231] + self::EXTRA_DATA);
        $this->assertSame(['json.not_string'], $r->codes());
        $f = $r->findings[0];
        $this->assertSame(['mchid', Field::Mchid->value, 'error'], [$f->key, $f->field, $f->severity]);
        $this->assertStringContainsString('"1900009231"', $f->fix);
        $this->assertNull($r->kind);
    }

    public function testEveryJsonValueThatIsNotAStringGoesAsItsJsonText(): void
    {
        // A scalar's fix quotes its JSON text; an array or object is only named.
        foreach ([[true, '"true"'], [null, '"null"'], [1.5, '"1.5"'], [2.0, '"2.0"'], [[1, 'a'], null],
            [['x' => 1], null]] as [$value, $text]) {
            $r = Client::checkArray(['nonce_str' => $value] + self::EXTRA_DATA);
            $this->assertSame(['json.not_string'], $r->codes(), (string) $text);
            $this->assertSame('nonce_str', $r->findings[0]->key);
            if ($text !== null) {
                $this->assertStringContainsString($text, $r->findings[0]->fix);
            }
        }
    }

    public function testStringValuesAreCheckedWithinTheValue(): void
    {
        $r = Client::checkArray(['openid' => Outputs::OPENID . '=weixin'] + self::EXTRA_DATA);
        $this->assertSame(['value.equals'], $r->codes());
        $f = $r->findings[0];
        $this->assertSame(['openid', strlen(Outputs::OPENID), true], [$f->key, $f->offset, $f->inValue]);
        $this->assertClean(Client::checkArray(self::EXTRA_DATA));
    }

    public function testNulBytesReachTheLibrary(): void
    {
        $r = Client::checkArray(['openid' => "oUpF\0evil"] + self::EXTRA_DATA);
        $this->assertSame(['value.rule'], $r->codes());
        $f = $r->findings[0];
        $this->assertSame(['openid', 4, true], [$f->key, $f->offset, $f->inValue]);
        $this->assertMatchesRegularExpression('/byte 4 is (a NUL byte|0x00)/', $f->message);
        $path = str_replace('kukE=weixin', "ku\0E", self::ANDROID_PATH);
        $r = Client::check($path);
        $this->assertSame(['value.rule'], $r->codes());
        $this->assertSame(strpos($path, "\0"), $r->findings[0]->offset);
        $this->assertMatchesRegularExpression('/is (a NUL byte|0x00)/', $r->findings[0]->message);
    }

    public function testOffsetsCountBytes(): void
    {
        // The space comes after 中, three bytes in UTF-8.
        $path = 'pages/invest_list/invest_list?mchid=1900009231&appid=wxcbda96de0b165486'
            . '&openid=中kukE&nonce_str=5K82 64';
        $r = Client::check($path);
        $this->assertSame(['value.rule', 'value.space'], $r->codes());
        $this->assertSame(strpos($path, '中'), $r->findings[0]->offset);
        $this->assertSame(strpos($path, ' '), $r->findings[1]->offset);
        $this->assertSame(mb_strpos($path, ' ') + 2, $r->findings[1]->offset);
        $r = Client::checkArray(['openid' => 'ab中c'] + self::EXTRA_DATA);
        $this->assertSame([2, true], [$r->findings[0]->offset, $r->findings[0]->inValue]);
    }

    public function testEveryOutputOfComposeChecksClean(): void
    {
        $partner = ['subAppid' => self::SUB_APPID, 'subMchid' => self::SUB_MCHID, 'subOpenid' => self::SUB_OPENID];
        $base = ['appid' => Outputs::APPID, 'mchid' => Outputs::MCHID, 'openid' => Outputs::OPENID];
        $cases = [
            ['variant' => Variant::V3Merchant],
            ['variant' => Variant::V3Partner] + $partner,
            ['variant' => Variant::V2Merchant, 'apiKey' => self::KEY],
            ['variant' => Variant::V2Partner, 'apiKey' => self::KEY] + $partner,
            ['variant' => Variant::V3Partner, 'subMchid' => self::SUB_MCHID],
            ['variant' => Variant::V3Merchant, 'openid' => null, 'flags' => Flag::ALLOW_NO_OPENID],
            ['variant' => Variant::V2Partner, 'openid' => null, 'apiKey' => self::KEY] + $partner,
        ];
        foreach ($cases as $case) {
            $fields = $case + $base;
            $jump = Client::composeParams(new Params(...$fields));
            $key = $case['apiKey'] ?? null;
            $flags = $case['flags'] ?? 0;
            $checks = [
                'app path' => static fn (?string $k): CheckResult => Client::check($jump->appPath, flags: $flags, apiKey: $k),
                'extraData' => static fn (?string $k): CheckResult => Client::checkArray(
                    Outputs::json($jump->extraDataJson), flags: $flags, apiKey: $k),
                'navigate' => static fn (?string $k): CheckResult => Client::checkArray(
                    Outputs::json($jump->navigateJson)['extraData'], flags: $flags, apiKey: $k),
                'app launch' => static fn (?string $k): CheckResult => Client::check(
                    Outputs::json($jump->appLaunchJson)['path'], flags: $flags, apiKey: $k),
            ];
            foreach ($checks as $what => $check) {
                $r = $check($key);
                $this->assertClean($r, [], $what);
                $this->assertSame($case['variant'], $r->variant, $what);
                if ($key !== null) {
                    // Without the key an APIv2 sign is only a note.
                    $this->assertClean($check(null), ['sign.unverified'], $what);
                }
            }
            $this->assertClean(Client::check($jump->appPath, $case['variant'], $flags, $key));
        }
    }

    public function testAWrongKeyIsAMismatchAndNoKeyIsShown(): void
    {
        $jump = Client::compose(Variant::V2Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID,
            openid: Outputs::OPENID, apiKey: self::KEY);
        $r = Client::check($jump->appPath, apiKey: self::WRONG_KEY);
        $this->assertSame(['sign.mismatch'], $r->codes());
        $this->assertAt($r->findings[0], $jump->appPath, (string) $jump->sign, 'sign');
        $shown = print_r($r, true) . var_export($r, true) . json_encode($r, JSON_THROW_ON_ERROR)
            . serialize($r);
        foreach ([self::KEY, self::WRONG_KEY] as $key) {
            for ($i = 0; $i < 27; $i += 3) {
                $this->assertStringNotContainsString(substr($key, $i, 6), $shown);
            }
        }
    }

    public function testMoreFindingsThanTheFirstStorageAreAllReturned(): void
    {
        $keys = array_map(static fn (int $i): string => "zz$i", range(0, 44));
        $query = implode('&', array_map(static fn (string $k): string => "$k=1", $keys));
        $r = Client::check($query);
        $unknown = array_values(array_filter($r->findings, static fn (Finding $f): bool => $f->code === 'key.unknown'));
        $this->assertSame($keys, array_map(static fn (Finding $f): ?string => $f->key, $unknown));
        foreach ($unknown as $f) {
            $this->assertSame(strpos($query, $f->key . '='), $f->offset);
        }
        $this->assertGreaterThan(45, count($r->findings));
        $this->assertSame(count($r->findings), $r->errors + $r->warnings + $r->notes);
    }

    public function testOptionsTheLibraryRefuses(): void
    {
        foreach ([8, -1, 1 << 32] as $flags) { // 4 asks for the expected sign
            try {
                Client::check(self::IOS_PATH, flags: $flags);
                $this->fail("flags $flags accepted");
            } catch (RepayjumpException $e) {
                $this->assertSame('REPAYJUMP_E_ARG', $e->statusName);
            }
        }
        try {
            Client::check(self::IOS_PATH, apiKey: "abc\0def");
            $this->fail('a key with a NUL accepted');
        } catch (RepayjumpException $e) {
            $this->assertSame(['REPAYJUMP_E_CHARSET', 'api_key', 3], [$e->statusName, $e->fieldName, $e->offset]);
        }
    }

    public function testNothingToCheck(): void
    {
        $this->assertSame(['input.empty'], Client::check('')->codes());
    }

    public function testCodesAndSeveritiesAreTheLibrarys(): void
    {
        $codes = Client::checkCodes();
        $this->assertSame('error', $codes['value.space']);
        $this->assertSame('warning', $codes['path.leading_slash']);
        $this->assertSame('note', $codes['sign.unverified']);
        $this->assertGreaterThanOrEqual(37, count($codes)); // CHECK.md's table
        $this->assertEqualsCanonicalizing(['error', 'warning', 'note'], array_values(array_unique($codes)));
        foreach ([self::IOS_PATH, '/' . self::ANDROID_PATH, 'a&&b'] as $input) {
            foreach (Client::check($input)->findings as $f) {
                $this->assertSame($codes[$f->code], $f->severity, $f->code);
            }
        }
    }

    public function testTheDocumentsNavigateArgument(): void
    {
        // The AppID with a space, a nonce with one: each where it is.
        $r = Client::checkArray([
            'appId' => Outputs::TARGET_APPID . ' ',
            'path' => Outputs::TARGET_PATH,
            'extraData' => ['nonce_str' => Outputs::NONCE . ' '] + self::EXTRA_DATA,
        ]);
        $this->assertSame(['navigate', Variant::V3Merchant], [$r->kind, $r->variant]);
        $this->assertSame(['navigate.app_id', 'value.space'], $r->codes());
        [$appId, $space] = $r->findings;
        $this->assertSame(['appId', 18, true], [$appId->key, $appId->offset, $appId->inValue]);
        $this->assertSame(['extraData.nonce_str', Field::NonceStr->value, 32, true],
            [$space->key, $space->field, $space->offset, $space->inValue]);
    }

    public function testExtraDataEncodedTwiceHasItsMembersChecked(): void
    {
        $json = json_encode(['nonce_str' => Outputs::NONCE . ' '] + self::EXTRA_DATA, JSON_THROW_ON_ERROR);
        $r = Client::checkArray(['appId' => Outputs::TARGET_APPID, 'path' => Outputs::TARGET_PATH, 'extraData' => $json]);
        $this->assertSame([['navigate.extra_data', 'extraData'], ['value.space', 'extraData.nonce_str']],
            array_map(static fn (Finding $f): array => [$f->code, $f->key], $r->findings));
    }

    public function testExtraDataThatIsNoObjectIsOnePair(): void
    {
        // A list, JSON that is no object, a scalar; "{oops" starts as an
        // object would, so the library reads it as encoded twice.
        foreach (['[1,2]', 'null', '"{}"', "{\"a\":\"\xff\"}", 12, [self::EXTRA_DATA], [], '{oops'] as $given) {
            $r = Client::checkArray(['appId' => Outputs::TARGET_APPID, 'path' => Outputs::TARGET_PATH,
                'extraData' => $given]);
            $what = var_export($given, true);
            $this->assertSame(['navigate.extra_data', 'extraData'], [$r->findings[0]->code, $r->findings[0]->key], $what);
            $twice = is_string($given) && $given[0] === '{';
            $this->assertSame($twice ? ['field.missing'] : [], array_values(array_unique(array_slice($r->codes(), 1))),
                $what);
        }
    }

    public function testOnlyTheTopLevelExtraDataIsOpened(): void
    {
        $inner = self::EXTRA_DATA + ['extraData' => ['nonce_str' => Outputs::NONCE . ' ']];
        $r = Client::checkArray(['appId' => Outputs::TARGET_APPID, 'path' => Outputs::TARGET_PATH, 'extraData' => $inner]);
        $this->assertSame([['key.unknown', 'extraData.extraData']],
            array_map(static fn (Finding $f): array => [$f->code, $f->key], $r->findings));
        // A member's array is its JSON text, as a top-level one's.
        $r = Client::checkArray(['extraData' => ['openid' => ['a' => [1]]] + self::EXTRA_DATA]);
        $this->assertSame(['json.not_string', 'navigate.app_id', 'navigate.path'], $r->codes());
        $this->assertSame('extraData.openid', $r->findings[0]->key);
        // Elsewhere an array stays one value.
        $r = Client::checkArray(['openid' => ['nonce_str' => Outputs::NONCE . ' ']] + self::EXTRA_DATA);
        $this->assertSame([['json.not_string', 'openid']],
            array_map(static fn (Finding $f): array => [$f->code, $f->key], $r->findings));
        $this->assertNull($r->kind);
    }

    public function testAnAppLaunchRequest(): void
    {
        $launch = [
            'userName' => Outputs::TARGET_USERNAME,
            'path' => Outputs::TARGET_PATH . '?' . http_build_query(self::EXTRA_DATA),
            'miniProgramType' => 0,
        ];
        $r = Client::checkArray($launch);
        $this->assertSame('app_launch', $r->kind);
        $this->assertClean($r);
        $r = Client::checkArray(['miniProgramType' => '0'] + $launch);
        $this->assertSame([['launch.type', 'miniProgramType']],
            array_map(static fn (Finding $f): array => [$f->code, $f->key], $r->findings));
    }

    private function assertAt(Finding $f, string $text, string $needle, string $key): void
    {
        $this->assertSame(strpos($text, $needle), $f->offset, $f->message);
        $this->assertGreaterThanOrEqual(1, $f->length);
        $this->assertStringStartsWith(substr($text, $f->offset, $f->length), $needle);
        $this->assertSame($key, $f->key);
        $this->assertFalse($f->inValue);
    }

    /** @param list<string> $notes */
    private function assertClean(CheckResult $r, array $notes = [], string $what = ''): void
    {
        $this->assertSame($notes, $r->codes(), $what . ': ' . print_r($r->findings, true));
        $this->assertSame([0, 0, count($notes)], [$r->errors, $r->warnings, $r->notes], $what);
        $this->assertTrue($r->ok(), $what);
    }
}
