<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Params;
use Repayjump\RepayjumpException;
use Repayjump\Variant;

/**
 * PHP serves requests from many worker processes (PHP-FPM); these run
 * several at once against the one library, as forked workers do.
 */
final class ConcurrencyTest extends TestCase
{
    private const WORKERS = 4;
    private const ROUNDS = 250;
    private const KEY = '7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ';

    public function testWorkersComposeAndMakeNoncesAtOnce(): void
    {
        $reports = $this->inWorkers(self::WORKERS, static function (): array {
            $nonces = [];
            for ($i = 0; $i < self::ROUNDS; $i++) {
                $nonces[] = self::composeAndCheck(Variant::from($i % 4));
                $nonces[] = Client::nonce();
            }
            return $nonces;
        });
        $all = array_merge(...$reports);
        $this->assertCount(self::WORKERS * self::ROUNDS * 2, $all);
        $this->assertCount(count($all), array_unique($all), 'every nonce distinct');
        foreach ($all as $nonce) {
            $this->assertMatchesRegularExpression('/^[A-Za-z0-9]{32}$/', $nonce);
        }
    }

    public function testNoncesStayDistinctAfterFork(): void
    {
        // The parent has used the library before forking: children inherit
        // the loaded library and must not repeat the parent's randomness.
        $before = [];
        for ($i = 0; $i < 100; $i++) {
            $before[] = Client::nonce();
        }
        $before[] = self::composeAndCheck(Variant::V2Merchant);
        $reports = $this->inWorkers(3, static function (): array {
            $nonces = [];
            for ($i = 0; $i < 100; $i++) {
                $nonces[] = Client::nonce();
            }
            $nonces[] = self::composeAndCheck(Variant::V3Merchant);
            return $nonces;
        }, function () use (&$before): void {
            for ($i = 0; $i < 100; $i++) {
                $before[] = Client::nonce();
            }
        });
        $all = array_merge($before, ...$reports);
        $this->assertCount(201 + 3 * 101, $all);
        $this->assertCount(count($all), array_unique($all), 'every nonce distinct');
    }

    public function testWorkersCheckAtOnceAndAgree(): void
    {
        $inputs = [CheckTest::IOS_PATH, CheckTest::ANDROID_PATH,
            implode('&', array_map(static fn (int $i): string => "k$i=v", range(0, 39)))];
        $expected = array_map(static fn (string $input): string => serialize(Client::check($input)), $inputs);
        $reports = $this->inWorkers(self::WORKERS, static function () use ($inputs): array {
            $seen = [];
            for ($i = 0; $i < 100; $i++) {
                foreach ($inputs as $input) {
                    $seen[] = serialize(Client::check($input));
                }
            }
            return $seen;
        });
        foreach ($reports as $seen) {
            $this->assertCount(100 * count($inputs), $seen);
            foreach ($seen as $i => $result) {
                $this->assertSame($expected[$i % count($inputs)], $result);
            }
        }
    }

    public function testWorkersRequestAndParseTheStatusAtOnce(): void
    {
        $vectors = StatusTest::vectors();
        $verdict = static function (array $v): string {
            try {
                return '0 ' . Client::statusParse(StatusTest::identity($v['identity']), StatusTest::answer($v))->userState;
            } catch (RepayjumpException $e) {
                return $e->status . ' ' . $e->offset;
            }
        };
        $expected = array_map($verdict, $vectors['answers']);
        $reports = $this->inWorkers(self::WORKERS, static function () use ($vectors, $verdict): array {
            $seen = [];
            foreach (range(0, 99) as $i) {
                $r = $vectors['requests'][$i % count($vectors['requests'])];
                $q = $r['query'];
                $seen[] = Client::statusRequest(StatusTest::params($r['params']), $q['trade_scene'],
                    $q['jump_scene'] ?? null, $q['plate_number'] ?? null);
                $seen[] = $verdict($vectors['answers'][$i % count($vectors['answers'])]);
                $id = $vectors['identities']['v2'];
                $seen[] = Client::statusRequest(new Params($id['appid'], $id['mchid'], Variant::V2Merchant,
                    openid: Outputs::OPENID, apiKey: $id['api_key']), 'GAS');
            }
            return $seen;
        });
        $nonces = [];
        foreach ($reports as $seen) {
            $this->assertCount(300, $seen);
            foreach (array_chunk($seen, 3) as $i => [$body, $answered, $drawn]) {
                $this->assertSame($vectors['requests'][$i % count($vectors['requests'])]['body'], $body);
                $this->assertSame($expected[$i % count($expected)], $answered);
                $nonces[] = StatusTest::assertSigned($drawn)['nonce_str'];
            }
        }
        $this->assertCount(self::WORKERS * 100, array_unique($nonces), 'every drawn nonce distinct');
    }

    /** Composes with a fresh nonce, checks every output, returns the nonce. */
    private static function composeAndCheck(Variant $variant): string
    {
        $partner = $variant === Variant::V3Partner || $variant === Variant::V2Partner;
        $signed = $variant === Variant::V2Merchant || $variant === Variant::V2Partner;
        $params = new Params(Outputs::APPID, Outputs::MCHID, $variant, openid: Outputs::OPENID,
            subMchid: $partner ? '1900000109' : null, apiKey: $signed ? self::KEY : null);
        $r = Client::composeParams($params);
        $fields = ['appid' => Outputs::APPID, ($signed ? 'mch_id' : 'mchid') => Outputs::MCHID];
        if ($partner) {
            $fields['sub_mch_id'] = '1900000109';
        }
        $fields['nonce_str'] = $r->nonceStr;
        $fields['openid'] = Outputs::OPENID;
        if ($signed) {
            $fields['sign_type'] = 'HMAC-SHA256';
            $fields['sign'] = Outputs::v2Sign($fields, self::KEY);
        }
        Outputs::assertHolds($r, $fields);
        return $r->nonceStr;
    }

    /**
     * Forks $count workers that start together, run $work and send back its
     * result; runs $meanwhile in the parent while they work.
     *
     * @return list<list<string>> each worker's result
     */
    private function inWorkers(int $count, \Closure $work, ?\Closure $meanwhile = null): array
    {
        $this->assertTrue(function_exists('pcntl_fork'), 'php-cli provides pcntl');
        $workers = [];
        for ($i = 0; $i < $count; $i++) {
            $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
            $this->assertIsArray($pair);
            $pid = pcntl_fork();
            $this->assertNotSame(-1, $pid, 'fork');
            if ($pid === 0) {
                fclose($pair[0]);
                self::runWorker($pair[1], $work);
            }
            fclose($pair[1]);
            $workers[$pid] = $pair[0];
        }
        foreach ($workers as $socket) {
            fwrite($socket, "go\n");
        }
        if ($meanwhile !== null) {
            $meanwhile();
        }
        $results = [];
        foreach ($workers as $pid => $socket) {
            $report = Outputs::json((string) stream_get_contents($socket));
            fclose($socket);
            pcntl_waitpid($pid, $status);
            $this->assertTrue(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0,
                'worker failed: ' . ($report['error'] ?? 'no report'));
            $results[] = $report['nonces'];
        }
        return $results;
    }

    /** In the child: wait for the start, work, and report as JSON. */
    private static function runWorker(mixed $socket, \Closure $work): never
    {
        $code = 0;
        try {
            fgets($socket);
            $report = ['nonces' => $work()];
        } catch (\Throwable $e) {
            $report = ['error' => get_class($e) . ': ' . $e->getMessage()];
            $code = 1;
        }
        fwrite($socket, json_encode($report, JSON_THROW_ON_ERROR));
        fclose($socket);
        exit($code);
    }
}
