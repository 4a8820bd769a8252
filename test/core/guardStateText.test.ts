// The guard's state as its table stores it (version 3): the grids as float64 bytes. What is read back
// must be exactly what was written, and a text whose grids do not match its structure is refused.
import { describe, expect, it } from 'vitest';
import { guardStateText, readGuardStateText } from '../../electron/core/repos/guardStateText.ts';
import { emptySums, emptyStageState, newEProcess, type GuardStageState, type TestState } from '../../shared/index.ts';

const START = Date.UTC(2026, 10, 20, 12);

/** A test whose started components and pass side hold the given values, one grid each. */
function testWith(values: (i: number, k: number) => number): TestState {
  const eprocess = newEProcess(START, 4);
  eprocess.fail = eprocess.fail.map((c, i) => ({ ...c, logLR: i < 2 ? Array.from({ length: 16 }, (_, k) => values(i, k)) : null, effect: [i * 3, i * 7] }));
  eprocess.pass = Array.from({ length: 16 }, (_, k) => values(9, k));
  return { kind: 'two_rate', sums: { ...emptySums(), pairs: 12, canaryEvents: 40, canaryTrials: 9000, firstT: START, lastT: START + 60_000 }, carriedEvidence: 3.5, eprocess };
}

function state(values: (i: number, k: number) => number): GuardStageState {
  return {
    ...emptyStageState('rel-1', 1, START),
    looks: 12,
    lastLookAt: START + 720_000,
    foldedUntil: START + 700_000,
    gates: { errors: { total: testWith(values), 'region=eu-west': testWith((i, k) => values(i, k) * 2) }, latency: { total: testWith((i, k) => -values(i, k)) } },
  };
}

// Values decimal text at 1e-6 would not keep: thirds, sums of tenths, a subnormal, -0.
const awkward = (i: number, k: number): number => [1 / 3, 0.1 + 0.2, -1709.345678901234, 5e-324, -0, 1e6 / 7][(i + k) % 6]! * (k + 1);

describe('the guard state as stored', () => {
  it('reads back every grid bit for bit, and every other field as it was', () => {
    const written = state(awkward);
    const text = guardStateText(written);
    expect(JSON.parse(text)).toMatchObject({ version: 3 });
    expect(readGuardStateText(text)).toStrictEqual(written);
  });

  it('reads a version 2 text, with the grids as decimal numbers, as before', () => {
    const written = state((i, k) => Math.round(((i + k + 1) * 1e6) / 3) / 1e6);
    expect(readGuardStateText(JSON.stringify(written))).toStrictEqual(written);
  });

  it('refuses a text whose grids end early or run on, or hold a value that is not a number', () => {
    const text = JSON.parse(guardStateText(state(awkward))) as { grids: string };
    const bytes = Buffer.from(text.grids, 'base64');
    const withGrids = (b: Buffer): string => JSON.stringify({ ...text, grids: b.toString('base64') });
    expect(() => readGuardStateText(withGrids(bytes.subarray(0, bytes.length - 8)))).toThrow('end before');
    expect(() => readGuardStateText(withGrids(Buffer.concat([bytes, Buffer.alloc(8)])))).toThrow('hold more values');
    const nan = Buffer.from(bytes);
    nan.writeDoubleLE(Number.NaN, 16);
    expect(() => readGuardStateText(withGrids(nan))).toThrow('not a finite number');
    expect(() => readGuardStateText(JSON.stringify({ ...text, grids: 'not base64!' }))).toThrow();
  });
});
