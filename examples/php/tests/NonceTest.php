<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\RepayjumpException;
use Repayjump\Status;

final class NonceTest extends TestCase
{
    public function testLengthAndAlphabet(): void
    {
        foreach ([1, 8, 16, 32] as $length) {
            $this->assertMatchesRegularExpression('/^[A-Za-z0-9]{' . $length . '}$/', Client::nonce($length));
        }
        $this->assertSame(32, strlen(Client::nonce()));
    }

    public function testEveryCharacterAppearsAndNoncesDiffer(): void
    {
        $nonces = [];
        for ($i = 0; $i < 1000; $i++) {
            $nonces[] = Client::nonce();
        }
        $this->assertCount(1000, array_unique($nonces));
        // 32000 draws from 62 characters: a missing one has probability ~1e-223.
        $this->assertSame(62, strlen(count_chars(implode('', $nonces), 3)));
    }

    public function testLengthOutOfRangeIsAnArgumentError(): void
    {
        foreach ([0, 33, -1, PHP_INT_MAX] as $length) {
            try {
                Client::nonce($length);
                $this->fail("length $length accepted");
            } catch (RepayjumpException $e) {
                $this->assertSame(Status::Arg->value, $e->status);
                $this->assertSame('REPAYJUMP_E_ARG', $e->statusName);
                $this->assertStringContainsString((string) $length, $e->getMessage());
            }
        }
    }
}
