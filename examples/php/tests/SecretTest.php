<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Library;
use Repayjump\NativeParams;
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
            // A TypeError thrown inside the constructor, which has the key as an argument.
            new Params(Outputs::APPID, Outputs::MCHID, Variant::V2Merchant, apiKey: self::KEY, flags: $this->notAnInt());
            $this->fail('a string accepted as flags');
        } catch (\TypeError $e) {
            $this->assertTraceHidesKey($e);
        }
    }

    public function testTheCopyGivenToCIsZeroedByWipe(): void
    {
        $native = NativeParams::from(Library::ffi(), new Params(Outputs::APPID, Outputs::MCHID,
            Variant::V2Merchant, openid: Outputs::OPENID, apiKey: self::KEY));
        $this->assertSame(self::KEY, \FFI::string($native->struct->api_key));
        $this->assertSame(Outputs::OPENID, \FFI::string($native->struct->openid));
        $native->wipe();
        $this->assertSame(str_repeat("\0", strlen(self::KEY)), \FFI::string($native->struct->api_key, strlen(self::KEY)));
        $this->assertSame('', \FFI::string($native->struct->appid));
    }

    private function assertTraceHidesKey(\Throwable $e): void
    {
        // The arguments of the binding's own frames (PHPUnit's are too large to dump).
        $arguments = [];
        foreach ($e->getTrace() as $frame) {
            $class = $frame['class'] ?? '';
            if (str_starts_with($class, 'Repayjump\\') && !str_starts_with($class, 'Repayjump\\Tests\\')) {
                $arguments[] = $frame['args'] ?? [];
            }
        }
        $this->assertNotEmpty($arguments);
        $texts = [print_r($arguments, true), var_export($arguments, true),
            $this->captured(static fn () => var_dump($arguments))];
        foreach ($texts as $text) {
            $this->assertStringNotContainsString(self::KEY, $text);
        }
        // Traces as strings cut arguments to 15 bytes: look for the start of the key.
        foreach ([(string) $e, $e->getTraceAsString()] as $text) {
            $this->assertStringNotContainsString(substr(self::KEY, 0, 12), $text);
        }
        // The key's argument is there, replaced: without #[\SensitiveParameter] this fails.
        $this->assertStringContainsString('SensitiveParameterValue', var_export($arguments, true));
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
