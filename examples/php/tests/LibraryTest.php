<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Library;

final class LibraryTest extends TestCase
{
    private const SOURCE = __DIR__ . '/../../..';

    public function testSizesWrittenIntoTheDeclarationsAreTheLibrarys(): void
    {
        $this->assertSame(Client::outputMax(), Library::OUTPUT_MAX);
        $this->assertSame(Client::fieldMax(), Library::FIELD_MAX);
        $result = Library::ffi()->type('repayjump_result');
        $this->assertSame(Library::FIELD_MAX + 1, $result->getStructFieldType('nonce_str')->getArrayLength());
        $this->assertSame(Library::SIGN_LEN + 1, $result->getStructFieldType('sign')->getArrayLength());
        foreach (['extra_data_json', 'navigate_json', 'app_path', 'app_launch_json'] as $name) {
            $this->assertSame(Client::outputMax(), $result->getStructFieldType($name)->getArrayLength(), $name);
        }
        $error = Library::ffi()->type('repayjump_error');
        $this->assertSame(Library::MESSAGE_MAX, $error->getStructFieldType('message')->getArrayLength());
        $this->assertSame(Library::ffi()->repayjump_sign_len(), Library::SIGN_LEN);
        $this->assertSame(Library::ffi()->repayjump_message_max(), Library::MESSAGE_MAX);
        $finding = Library::ffi()->type('repayjump_finding');
        foreach (['message', 'fix'] as $name) {
            $this->assertSame(Library::MESSAGE_MAX, $finding->getStructFieldType($name)->getArrayLength(), $name);
        }
        $this->assertSame(Library::ffi()->repayjump_status_request_max(), Library::STATUS_REQUEST_MAX);
        $this->assertSame(Library::ffi()->repayjump_answer_max(), Library::ANSWER_MAX);
        $this->assertSame(Library::ffi()->repayjump_status_result_size(),
            \FFI::sizeof(Library::ffi()->type('repayjump_status_result')));
    }

    public function testStatusResultMembersAreSizedAsTheHeaderSizesThem(): void
    {
        $header = file_get_contents(self::SOURCE . '/include/repayjump.h');
        $this->assertIsString($header);
        $this->assertSame(5, preg_match_all('/#define REPAYJUMP_STATUS_(CODE|ID|PATH|INFO|TEXT)_MAX[\s\\\\]+(\d+)/', $header, $m));
        $sizes = array_map('intval', array_combine($m[1], $m[2]));
        $result = Library::ffi()->type('repayjump_status_result');
        $members = ['user_state' => 'CODE', 'deduct_mode' => 'CODE', 'openid' => 'ID', 'sub_openid' => 'ID',
            'path' => 'PATH', 'plate_number_info' => 'INFO', 'plate_number' => 'CODE', 'return_msg' => 'TEXT',
            'err_code' => 'CODE', 'err_code_des' => 'TEXT'];
        $this->assertSame(['state', ...array_keys($members)], $result->getStructFieldNames());
        foreach ($members as $member => $macro) {
            $this->assertSame($sizes[$macro], $result->getStructFieldType($member)->getArrayLength(), $member);
        }
    }

    public function testSizesWithoutAFunctionMatchTheHeader(): void
    {
        $header = file_get_contents(self::SOURCE . '/include/repayjump.h');
        $this->assertIsString($header);
        foreach (['SIGN_LEN' => Library::SIGN_LEN, 'MESSAGE_MAX' => Library::MESSAGE_MAX,
            'FIELD_MAX' => Library::FIELD_MAX, 'OUTPUT_MAX' => Library::OUTPUT_MAX,
            'STATUS_REQUEST_MAX' => Library::STATUS_REQUEST_MAX, 'ANSWER_MAX' => Library::ANSWER_MAX] as $name => $value) {
            $this->assertMatchesRegularExpression('/^#define REPAYJUMP_' . $name . ' ' . $value . '$/m', $header);
        }
    }

    public function testTargetsAreTheRepaymentMiniProgram(): void
    {
        $this->assertSame(Outputs::TARGET_APPID, Client::targetAppid());
        $this->assertSame(Outputs::TARGET_USERNAME, Client::targetUsername());
        $this->assertSame(Outputs::TARGET_PATH, Client::targetPath());
    }

    public function testVersionIsTheProjects(): void
    {
        $cmake = file_get_contents(self::SOURCE . '/CMakeLists.txt');
        $this->assertIsString($cmake);
        $this->assertSame(1, preg_match('/project\(repayjump\s+VERSION (\d+)\.(\d+)\.(\d+)/', $cmake, $m));
        $this->assertSame("$m[1].$m[2].$m[3]", Client::version());
        $this->assertSame(((int) $m[1] << 16) | ((int) $m[2] << 8) | (int) $m[3], Client::versionNumber());
    }

    public function testMissingLibraryNamesTheVariable(): void
    {
        $missing = sys_get_temp_dir() . '/repayjump-absent-' . getmypid() . '/librepayjump.so.1';
        [$status, $output] = $this->runPhp(
            'try { Repayjump\Client::version(); } catch (Repayjump\LibraryException $e) '
            . '{ echo $e->getMessage(); exit(3); }',
            ['REPAYJUMP_LIBRARY' => $missing],
        );
        $this->assertSame(3, $status, $output);
        $this->assertStringContainsString('REPAYJUMP_LIBRARY=' . $missing, $output);
        $this->assertStringContainsString('point REPAYJUMP_LIBRARY at librepayjump.so.1', $output);
    }

    public function testFfiDisabledSaysWhichSettingToChange(): void
    {
        // As under PHP-FPM, where the default ffi.enable=preload refuses FFI::cdef.
        [$status, $output] = $this->runPhp(
            'try { Repayjump\Client::version(); } catch (Repayjump\LibraryException $e) '
            . '{ echo $e->getMessage(); exit(3); }',
            [], ['-d', 'ffi.enable=0'],
        );
        $this->assertSame(3, $status, $output);
        $this->assertStringContainsString('set ffi.enable=1 in php.ini', $output);
    }

    public function testLibraryIsLoadedOnFirstUseOnly(): void
    {
        // Loading nothing until a call: including the classes needs no library.
        [$status, $output] = $this->runPhp('new Repayjump\Params("a", "b"); echo "loaded nothing";',
            ['REPAYJUMP_LIBRARY' => '/nonexistent/librepayjump.so.1']);
        $this->assertSame(0, $status, $output);
        $this->assertSame('loaded nothing', $output);
    }

    /**
     * @param array<string, string> $env
     * @param list<string> $options
     * @return array{int, string} exit status and output
     */
    private function runPhp(string $code, array $env, array $options = []): array
    {
        $script = 'require ' . var_export(__DIR__ . '/../src/autoload.php', true) . '; ' . $code;
        $process = proc_open([PHP_BINARY, ...$options, '-r', $script], [1 => ['pipe', 'w'], 2 => ['redirect', 1]],
            $pipes, null, $env + getenv());
        $this->assertIsResource($process);
        $output = stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        return [proc_close($process), (string) $output];
    }
}
