<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Params;
use Repayjump\RepayjumpException;
use Repayjump\Variant;

/** The APIv2 key must not show in any dump, message or stack trace. */
final class SecretTest extends TestCase
{
    private const KEY = 'Q7r9Xk2LmP4sT6vW8yZa1Bc3De5Fg7Hj';

    public function testParamsDumpsHideTheKey(): void
    {
        $params = new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Merchant,
            openid: Outputs::OPENID, apiKey: self::KEY);
        $dumps = [
            'print_r' => print_r($params, true),
            'var_export' => var_export($params, true),
            'var_dump' => $this->captured(static fn () => var_dump($params)),
            'debug_zval_dump' => $this->captured(static fn () => debug_zval_dump($params)),
            'json_encode' => json_encode($params, JSON_THROW_ON_ERROR),
            'array cast' => print_r((array) $params, true),
        ];
        foreach ($dumps as $how => $dump) {
            $this->assertStringNotContainsString(self::KEY, $dump, $how);
            $this->assertStringContainsString(Outputs::MCHID, $dump, $how . ' shows the other fields');
        }
        $this->assertStringContainsString('[hidden]', $dumps['var_dump']);
        // Still usable: the key is there for compose.
        $this->assertSame(self::KEY, $params->apiKey?->getValue());
    }

    public function testParamsCannotBeSerialized(): void
    {
        $params = new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Merchant,
            openid: Outputs::OPENID, apiKey: self::KEY);
        $this->expectException(\Exception::class);
        serialize($params);
    }

    public function testStackTracesHideTheKey(): void
    {
        // phpunit.xml keeps arguments in traces, as a development php.ini does.
        $this->assertSame('0', ini_get('zend.exception_ignore_args'));
        try {
            Client::compose(Variant::V2Merchant, appid: Outputs::APPID, mchid: '1900x231',
                openid: Outputs::OPENID, apiKey: self::KEY);
            $this->fail('bad mchid accepted');
        } catch (RepayjumpException $e) {
            $this->assertTraceHidesKey($e);
        }
    }

    public function testStackTracesHideTheKeyWhenTheKeyItselfIsBad(): void
    {
        try {
            Client::compose(Variant::V2Merchant, appid: Outputs::APPID, mchid: Outputs::MCHID,
                openid: Outputs::OPENID, apiKey: self::KEY . "\0");
            $this->fail('NUL in the key accepted');
        } catch (RepayjumpException $e) {
            $this->assertTraceHidesKey($e);
        }
    }

    public function testNewParamsHidesTheKeyInTraces(): void
    {
        try {
            // A TypeError thrown inside the constructor call, with the key as an argument.
            new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Merchant, apiKey: self::KEY, flags: $this->notAnInt());
        } catch (\TypeError $e) {
            $this->assertStringNotContainsString(self::KEY, $e->getTraceAsString() . var_export($e->getTrace(), true));
        }
    }

    private function assertTraceHidesKey(\Throwable $e): void
    {
        $texts = [(string) $e, $e->getTraceAsString(), print_r($e->getTrace(), true), var_export($e->getTrace(), true),
            $this->captured(static fn () => var_dump($e))];
        foreach ($texts as $text) {
            $this->assertStringNotContainsString(self::KEY, $text);
        }
        // The key's argument is there, replaced: removing #[\SensitiveParameter] makes this fail.
        $this->assertStringContainsString('SensitiveParameterValue', var_export($e->getTrace(), true));
    }

    private function captured(\Closure $dump): string
    {
        ob_start();
        $dump();
        return (string) ob_get_clean();
    }

    private function notAnInt(): mixed
    {
        return 'three';
    }
}
