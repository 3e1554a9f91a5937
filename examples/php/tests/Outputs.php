<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\Assert;
use Repayjump\Result;

/**
 * Checks a Result with PHP's own parsers: each output must hold exactly the
 * expected fields, in the expected order, and the fixed values of the
 * repayment mini program as the contract gives them.
 */
final class Outputs
{
    public const TARGET_APPID = 'wx5e73c65404eee268';
    public const TARGET_USERNAME = 'gh_5e259b7a73b1';
    public const TARGET_PATH = 'pages/invest_list/invest_list';

    // The document's example values.
    public const APPID = 'wxcbda96de0b165486';
    public const MCHID = '1900009231';
    public const OPENID = 'oUpF8uMEb4qRXf22hE3X68TekukE';
    public const NONCE = '5K8264ILTKCH16CQ2502SI8ZNMTM67VS';

    /** @param array<string, string> $fields the emitted fields, in order */
    public static function assertHolds(Result $result, array $fields): void
    {
        // assertSame on arrays compares order as well as keys and values.
        Assert::assertSame($fields, self::json($result->extraDataJson));
        Assert::assertSame([
            'appId' => self::TARGET_APPID,
            'path' => self::TARGET_PATH,
            'extraData' => $fields,
            'envVersion' => 'release',
        ], self::json($result->navigateJson));
        Assert::assertSame($fields, self::query($result->appPath));
        Assert::assertSame([
            'userName' => self::TARGET_USERNAME,
            'path' => $result->appPath,
            'miniProgramType' => 0,
        ], self::json($result->appLaunchJson));
        Assert::assertSame($fields['nonce_str'], $result->nonceStr);
        Assert::assertSame($fields['sign'] ?? null, $result->sign);
        foreach ([$result->extraDataJson, $result->navigateJson, $result->appLaunchJson] as $json) {
            Assert::assertDoesNotMatchRegularExpression('/\s/', $json, 'compact JSON');
        }
    }

    /** @return array<string, mixed> */
    public static function json(string $text): array
    {
        $value = json_decode($text, true, flags: JSON_THROW_ON_ERROR);
        Assert::assertIsArray($value);
        return $value;
    }

    /** @return array<string, string> the query of an App path, which must start with the target page */
    public static function query(string $appPath): array
    {
        $url = parse_url($appPath);
        Assert::assertIsArray($url);
        Assert::assertSame(['path', 'query'], array_keys($url));
        Assert::assertSame(self::TARGET_PATH, $url['path']);
        parse_str($url['query'], $query);
        return $query;
    }

    /**
     * WeChat Pay's v2 signature, written here from its definition: non-empty
     * fields but sign, sorted by key, k=v joined with &, then &key=KEY;
     * HMAC-SHA256 keyed with KEY, uppercase hex.
     *
     * @param array<string, string> $fields
     */
    public static function v2Sign(array $fields, string $key): string
    {
        unset($fields['sign']);
        $fields = array_filter($fields, static fn (string $v): bool => $v !== '');
        ksort($fields, SORT_STRING);
        $pairs = [];
        foreach ($fields as $name => $value) {
            $pairs[] = $name . '=' . $value;
        }
        $pairs[] = 'key=' . $key;
        return strtoupper(hash_hmac('sha256', implode('&', $pairs), $key));
    }
}
