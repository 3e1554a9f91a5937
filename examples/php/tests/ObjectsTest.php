<?php

declare(strict_types=1);

namespace Repayjump\Tests;

use PHPUnit\Framework\TestCase;
use Repayjump\Client;
use Repayjump\Field;
use Repayjump\Finding;
use Repayjump\Variant;

/**
 * Client::checkArray against the objects' shared vectors
 * (tests/objects/vectors.json, whose path ctest passes in
 * REPAYJUMP_OBJECT_VECTORS): every object, as json_decode gives it, yields
 * its kind, variant and findings, in order.
 */
final class ObjectsTest extends TestCase
{
    /** The vectors' names of the variants. */
    private const VARIANTS = [
        'v3' => Variant::V3Merchant,
        'v3-partner' => Variant::V3Partner,
        'v2' => Variant::V2Merchant,
        'v2-partner' => Variant::V2Partner,
    ];

    /** @return array<string, array{array<string, mixed>}> */
    public static function cases(): array
    {
        $path = getenv('REPAYJUMP_OBJECT_VECTORS') ?: __DIR__ . '/../../../tests/objects/vectors.json';
        $cases = [];
        foreach (Outputs::json((string) file_get_contents($path))['cases'] as $case) {
            $cases[$case['name']] = [$case];
        }
        return $cases;
    }

    public function testTheVectorsAreThere(): void
    {
        $this->assertGreaterThanOrEqual(12, count(self::cases()));
    }

    /**
     * @dataProvider cases
     * @param array<string, mixed> $case
     */
    public function testAnObject(array $case): void
    {
        $r = Client::checkArray($case['input']);
        $this->assertSame($case['kind'], $r->kind);
        $this->assertSame($case['variant'] === null ? null : self::VARIANTS[$case['variant']], $r->variant);
        $this->assertSame($case['findings'], array_map(static fn (Finding $f): array => [
            $f->code,
            $f->field === Field::None->value ? null : $f->fieldName,
        ], $r->findings), json_encode($r->findings, JSON_UNESCAPED_SLASHES) ?: '');
        $this->assertSame(count($r->findings), $r->errors + $r->warnings + $r->notes);
    }

    public function testTheSignIsAFieldOfAFinding(): void
    {
        $r = Client::check('appid=wxcbda96de0b165486&mch_id=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS'
            . '&openid=oUpF8uMEb4qRXf22hE3X68TekukE&sign_type=HMAC-SHA256');
        $missing = array_values(array_filter($r->findings, static fn (Finding $f): bool => $f->code === 'sign.missing'));
        $this->assertCount(1, $missing, json_encode($r->findings, JSON_UNESCAPED_SLASHES) ?: '');
        $this->assertSame(Field::Sign->value, $missing[0]->field);
        $this->assertSame('sign', $missing[0]->fieldName);
    }
}
