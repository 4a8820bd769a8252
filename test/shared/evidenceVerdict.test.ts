// The guard's verdict on a two-rate gate against an independent reference in Python with SciPy
// (evidenceVerdict.reference.py, written from shared/judge/README.md): the log e-value of the gate's
// total after every look, and the look at which it fails. evidenceScipy.test.ts checks each
// increment; this checks what they add up to — the mixture over effects and start times, the
// tempering, the per-interval cap, the minimum evidence — and so when a rollout is halted.
// (CI installs Debian's python3-scipy: scripts/install-test-deps.sh.)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE_OPTIONS, lookAtGate, seededRandom, type Gate, type ObservationAt, type TestState, type UnitEvidence } from '../../shared/index.ts';

const MINUTE = 60_000;
const STAGE_STARTED_AT = Date.UTC(2026, 10, 2, 9);
const FACTOR = 1.25;
const GATED_STAGES = 2;
const LOOKS = 60;
const TOLERANCE = 1e-9;
/** The README's defaults, spelled out: the reference gets the same, and neither follows a change of defaults silently. */
const OPTIONS = { ...DEFAULT_JUDGE_OPTIONS, alpha: 0.01, tau: 1.5, minEvidence: 10 };

const gate: Gate = { id: 'errors', kind: 'relative', metric: 'error_rate', op: 'lte', factor: FACTOR, segments: [], minSamples: 50 };

interface Interval {
  t: number;
  xc: number;
  nc: number;
  xb: number;
  nb: number;
}

/** Per minute, canary and baseline errors drawn around the given rates (a seeded binomial, so every run sees the same counts). */
function counts(seed: number, canaryRate: (minute: number) => number, baselineRate = 0.01, nc = 1000, nb = 9000): Interval[] {
  const random = seededRandom(seed);
  const draw = (n: number, p: number) => {
    let x = 0;
    for (let i = 0; i < n; i += 1) if (random() < p) x += 1;
    return x;
  };
  return Array.from({ length: LOOKS }, (_, i) => ({ t: STAGE_STARTED_AT + (i + 1) * MINUTE, xc: draw(nc, canaryRate(i + 1)), nc, xb: draw(nb, baselineRate), nb }));
}

const SEQUENCES = {
  /** The canary errs as often as the baseline: far inside the ×1.25 margin. */
  healthy: counts(1, () => 0.01),
  /** Three times the baseline's errors from the start: single intervals carry more than the cap. */
  regressed: counts(2, () => 0.03),
  /** ×1.6, past the margin but not by much: it takes a while. */
  borderline: counts(3, () => 0.016),
  /** Healthy for 20 minutes, then ×2.2: the component started 45 minutes in is the one that is not diluted. */
  late: counts(4, (minute) => (minute <= 20 ? 0.01 : 0.022)),
  /** ×1.22 on five times the traffic: past half the tolerance, so the e-value crosses, but within it, so no halt. */
  withinTolerance: counts(5, () => 0.0122, 0.01, 5000, 45_000),
  /** A rare metric on a small canary: 20 requests a minute at 1 %, 20 times its baseline's rate — at most one canary event in most minutes. */
  rare: counts(6, () => 0.01, 0.0005, 20, 2000),
};
type Name = keyof typeof SEQUENCES;
const NAMES = Object.keys(SEQUENCES) as Name[];

interface Trajectory {
  logE: number[];
  /** The guard's last look at the total (ours only). */
  last?: UnitEvidence;
  /** Index of the look at which the test failed, null when it never did. */
  crossedAt: number | null;
}

/** The guard's own look, once per interval, each from the state the previous look stored. */
function ours(intervals: readonly Interval[], options = OPTIONS): Trajectory {
  let tests: Record<string, TestState> | undefined;
  const logE: number[] = [];
  let crossedAt: number | null = null;
  let last: UnitEvidence | undefined;
  const segment = { region: '', device: '', tenant: '' };
  intervals.forEach((iv, look) => {
    const observations: ObservationAt[] = [
      { cohort: 'canary', segment, t: iv.t, value: (100 * iv.xc) / iv.nc, weight: iv.nc },
      { cohort: 'baseline', segment, t: iv.t, value: (100 * iv.xb) / iv.nb, weight: iv.nb },
    ];
    const looked = lookAtGate({ gate, observations, tests, stageStartedAt: STAGE_STARTED_AT, lookAt: iv.t, budget: { gates: 1, gatedStages: GATED_STAGES }, options });
    tests = looked.tests;
    logE.push(looked.result.total.evidence!.logE);
    last = looked.result.total.evidence!;
    if (crossedAt === null && looked.result.outcome === 'fail') {
      expect(looked.result.total.evidence!.crossedAt).toBe(iv.t);
      crossedAt = look;
    }
  });
  return { logE, crossedAt, last };
}

/** The reference's trajectories; `capped: false` is the deliberately wrong one, without the per-interval cap. */
function reference(names: readonly Name[], capped = true, { capSingleEvents = false, alpha = OPTIONS.alpha } = {}): Record<Name, Trajectory> {
  const options = { ...OPTIONS, alpha };
  const cases = names.map((name) => ({
    intervals: SEQUENCES[name],
    r0: FACTOR,
    tau: options.tau,
    // One gate, judged without segments: its total has the whole α.
    alpha: options.alpha,
    minEvidence: options.minEvidence,
    capped,
    capSingleEvents,
    gatedStages: GATED_STAGES,
    stageStartedAt: STAGE_STARTED_AT,
  }));
  const out = execFileSync('/usr/bin/python3', [path.join(import.meta.dirname, 'evidenceVerdict.reference.py')], { input: JSON.stringify({ cases }), encoding: 'utf8' });
  const results = JSON.parse(out) as Trajectory[];
  return Object.fromEntries(names.map((name, i) => [name, results[i]!])) as Record<Name, Trajectory>;
}

const worstGap = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('the two-rate verdict against a SciPy reference', () => {
  const expected = reference(NAMES);

  it.each(NAMES)('%s: the same log e-value after every look, to 1e-9, and the same look fails', (name) => {
    const got = ours(SEQUENCES[name]);
    expect(got.logE).toHaveLength(LOOKS);
    expect(expected[name].logE).toHaveLength(LOOKS);
    expect(worstGap(got.logE, expected[name].logE)).toBeLessThan(TOLERANCE);
    expect(got.crossedAt).toBe(expected[name].crossedAt);
  });

  it('fails the regressed, borderline and late canaries, in that order, and never the healthy one', () => {
    expect(expected.healthy.crossedAt).toBeNull();
    expect(ours(SEQUENCES.healthy).crossedAt).toBeNull();
    const regressed = expected.regressed.crossedAt!;
    const borderline = expected.borderline.crossedAt!;
    const late = expected.late.crossedAt!;
    // The regressed canary fails as soon as the counts' noise has been seen (10 intervals), not later.
    expect(regressed).toBe(9);
    expect(borderline).toBeGreaterThan(regressed);
    // The late onset fails after it began (minute 21), however strong it is.
    expect(late).toBeGreaterThan(20);
    expect(late).toBeGreaterThan(borderline);
  });

  it('does not halt a canary within the tolerance whose evidence crosses the boundary: the estimate must be past the margin too', () => {
    const crossed = Math.max(...expected.withinTolerance.logE) >= Math.log(1 / OPTIONS.alpha);
    expect(crossed).toBe(true);
    expect(expected.withinTolerance.crossedAt).toBeNull();
    const got = ours(SEQUENCES.withinTolerance);
    expect(got.crossedAt).toBeNull();
    // What the person reads: held back by the effect, which is inside ×1.25.
    expect(got.last!.heldBack).toBe('effect');
    expect(got.last!.failEffect).toBeGreaterThan(1.118);
    expect(got.last!.failEffect).toBeLessThan(FACTOR);
  });

  it('disagrees with a reference that leaves out the cap, on the canary whose intervals reach it', () => {
    const uncapped = reference(['regressed', 'borderline', 'healthy'], false);
    const got = ours(SEQUENCES.regressed);
    // The comparison can fail: without the cap the regressed canary's evidence grows far faster,
    // and the borderline one is failed on a different look.
    expect(worstGap(got.logE, uncapped.regressed.logE)).toBeGreaterThan(1);
    expect(uncapped.regressed.logE.at(-1)!).toBeGreaterThan(got.logE.at(-1)! + 10);
    expect(uncapped.borderline.crossedAt).not.toBe(ours(SEQUENCES.borderline).crossedAt);
    // The healthy canary's intervals stay under the cap: there, the two references agree.
    expect(worstGap(uncapped.healthy.logE, expected.healthy.logE)).toBeLessThan(TOLERANCE);
  });

  it('does not cap an interval whose canary shows one event: a rare regression counts each event whole', () => {
    const intervals = SEQUENCES.rare;
    expect(intervals.filter((iv) => iv.xc === 1).length).toBeGreaterThan(5);
    expect(intervals.every((iv) => iv.xc <= 2)).toBe(true);
    // Judged at a segment's share of 1 % under the default Play plan, where the boundary (8.5 nats) and not the minimum evidence decides.
    const alpha = 2.1e-4;
    const got = ours(intervals, { ...OPTIONS, alpha });
    const right = reference(['rare'], true, { alpha }).rare;
    const capped = reference(['rare'], true, { alpha, capSingleEvents: true }).rare;
    expect(worstGap(got.logE, right.logE)).toBeLessThan(TOLERANCE);
    expect(got.crossedAt).toBe(right.crossedAt);
    // The comparison can fail: single events capped like any interval lose over a nat by the end, and the halt comes later.
    expect(worstGap(got.logE, capped.logE)).toBeGreaterThan(1);
    expect(got.crossedAt).not.toBeNull();
    expect(capped.crossedAt === null || capped.crossedAt > got.crossedAt!).toBe(true);
  });
});
