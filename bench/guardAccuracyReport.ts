// Printing the guard-accuracy bench: targets beside measured figures, then breakdowns an engineer can
// act on (which metric and scope the misses are in, which gate fires on healthy rollouts, and where).
import { median, type CorpusScore, type LowExposureInformation, type Rate, type ScenarioScore } from '../shared/sim/scenarios/index.ts';

/** One stage of a replay: did the guard promote it (or ask to) before the schedule moved on, and did every gate pass at its last look. */
export interface StageHold {
  exposure: number;
  promoted: boolean;
  passingAtEnd: boolean;
}

export type Scored = ScenarioScore & { tags: string[]; information: LowExposureInformation | null; stages: StageHold[] };

const pct = (x: number | null, digits = 1): string => (x === null ? '—' : `${(100 * x).toFixed(digits)} %`);
const measured = (r: Rate): string => (r.n === 0 ? 'no cases' : `${pct(r.rate)} (${r.hits}/${r.n}; 95 % CI ${pct(r.low)}–${pct(r.high)})`);

function target(label: string, op: '≤' | '≥', goal: number, r: Rate): string {
  const met = r.rate === null ? '' : (op === '≤' ? r.rate <= goal : r.rate >= goal) ? 'met' : 'NOT met';
  return `  ${label.padEnd(58)} ${`${op} ${goal * 100} %`.padEnd(8)} ${measured(r).padEnd(44)} ${met}`;
}

export function printTargets(c: CorpusScore): void {
  console.log(`  ${'target'.padEnd(58)} ${'goal'.padEnd(8)} measured`);
  console.log(target('false halts on healthy rollouts (whole rollout)', '≤', 0.01, c.falseHaltHealthy));
  console.log(target('false halts on improved rollouts (whole rollout)', '≤', 0.01, c.falseHaltImproved));
  console.log(target('regressions beyond the gate’s tolerance caught', '≥', 0.97, c.caught));
  console.log(target('… caught at ≤ 5 % exposure (of those begun at ≤ 5 %)', '≥', 0.9, c.caughtAtLowExposure));
  console.log(target('single-segment regressions caught: right segment named', '≥', 0.9, c.segmentNamed));
  console.log(`  median at detection: exposure ${c.medianExposure ?? '—'} %, ${c.medianMinutes === null ? '—' : c.medianMinutes.toFixed(1)} minutes after onset`);
  console.log(`  no target: stops on changes within tolerance ${measured(c.subtoleranceStopped)}; late onsets stopped before they began ${measured(c.stoppedBeforeOnset)}`);
  console.log(`  no target: global and late-onset regressions caught whose stop named a segment all the same ${measured(c.segmentBlamed)}`);
}

/**
 * One line per recording shape: false halts against their target (they must hold in any shape the
 * promise covers), detection as figures; a shape outside the promise shows its false halts without one.
 */
export function printShape(label: string, c: CorpusScore, outsidePromise = false): void {
  const benign: Rate = { hits: c.falseHaltHealthy.hits + c.falseHaltImproved.hits, n: c.falseHaltHealthy.n + c.falseHaltImproved.n, rate: null, low: 0, high: 0 };
  const rate = benign.n ? benign.hits / benign.n : null;
  const met = rate === null ? '' : rate <= 0.01 ? 'met' : 'NOT met';
  const of = (r: Rate) => `${r.hits}/${r.n}`;
  console.log(
    `  ${label.padEnd(52)} false halts ${of(benign).padStart(7)} (${outsidePromise ? 'no target' : `≤ 1 %: ${met}`})  caught ${of(c.caught).padStart(7)}  at ≤ 5 % ${of(c.caughtAtLowExposure).padStart(7)}  segment named ${of(c.segmentNamed).padStart(5)}`,
  );
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

const count = <T>(items: readonly T[], p: (t: T) => boolean): number => items.filter(p).length;
const planOf = (s: Scored): string => s.tags[0] ?? '?';
const sizeOf = (s: ScenarioScore): string => (s.truth.metric === 'kpi_conversion' ? `${s.truth.size.toFixed(2)} pt` : `×${s.truth.size.toFixed(2)}`);

function printRegressions(scores: readonly Scored[]): void {
  const regressions = scores.filter((s) => s.truth.kind === 'regression');
  console.log('  regressions by plan, metric and scope:   n  caught  ≤5 % (of begun ≤5 %)  segment named  median min');
  for (const [key, group] of groupBy(regressions, (s) => `${planOf(s)} ${s.truth.metric} ${s.truth.scope}`)) {
    const eligible = group.filter((s) => s.lowExposureEligible);
    const named = group.filter((s) => s.segmentNamed !== null);
    const minutes = median(group.flatMap((s) => (s.detection ? [s.detection.minutes] : [])));
    console.log(
      `    ${key.padEnd(37)} ${String(group.length).padStart(3)}  ${String(count(group, (s) => s.caught)).padStart(6)}  ${`${count(eligible, (s) => s.caughtAtLowExposure)}/${eligible.length}`.padStart(21)}  ${(named.length ? `${count(named, (s) => s.segmentNamed === true)}/${named.length}` : '').padStart(13)}  ${(minutes === null ? '—' : minutes.toFixed(1)).padStart(10)}`,
    );
  }
  const missed = regressions.filter((s) => !s.caught);
  if (missed.length) {
    console.log(`  missed regressions (${missed.length}; size, onset exposure, knobs):`);
    // A stop before the onset holds to the end of its stage: in the last recorded stage, nothing after it can catch.
    const early = (s: Scored) => (s.stoppedBeforeOnset ? `  stopped before onset at ${s.firstStop?.exposure} %` : '');
    for (const s of missed.slice(0, 15)) console.log(`    ${s.id.padEnd(48)} ${sizeOf(s).padStart(9)}  onset at ${s.truth.onsetExposure} %${early(s)}  ${s.tags.slice(1).join(' ')}`);
    if (missed.length > 15) console.log(`    … and ${missed.length - 15} more`);
  }
}

function printFalseHalts(scores: readonly Scored[]): void {
  const benign = scores.filter((s) => s.truth.kind === 'healthy' || s.truth.kind === 'improvement');
  const halted = benign.filter((s) => s.falseHalt);
  console.log(`  false halts (${halted.length} of ${benign.length} healthy or improved) by the gate and segment that stopped, and the exposure:`);
  for (const [key, group] of groupBy(halted, (s) => `${planOf(s)} ${s.firstStop?.gate ?? '?'} ${s.firstStop?.segment ? Object.keys(s.firstStop.segment).join('+') : 'total'}`)) {
    const exposures = groupBy(group, (s) => String(s.firstStop?.exposure)).map(([e, g]) => `${g.length} at ${e} %`);
    console.log(`    ${key.padEnd(40)} ${String(group.length).padStart(3)}   ${exposures.join(', ')}`);
  }
  const where = (s: Scored) => `${s.firstStop?.gate ?? '?'} ${s.firstStop?.segment ? Object.entries(s.firstStop.segment).map(([k, v]) => `${k} ${v}`).join(', ') : 'total'} at ${s.firstStop?.exposure} %`;
  for (const s of halted.slice(0, 15)) console.log(`    ${s.id.padEnd(48)} ${where(s).padEnd(34)} ${s.tags.slice(1).join(' ')}`);
  if (halted.length > 15) console.log(`    … and ${halted.length - 15} more`);
  // A knob far more common among false halts than among all benign rollouts is where to look.
  const tags = [...new Set(benign.flatMap((s) => s.tags.slice(1)))].sort();
  const rows = tags.map((tag) => `${tag} ${count(halted, (s) => s.tags.includes(tag))}/${count(benign, (s) => s.tags.includes(tag))}`);
  if (halted.length) console.log(`    halted/benign by knob: ${rows.join(', ')}`);
}

/** Oracle z bands (information.ts): how much each low-exposure regression showed at ≤ 5 % at all. */
const BANDS = ['oracle z ≥ 5', 'oracle z 3–5', 'oracle z < 3', 'quantiles (no counts)'] as const;
function bandOf(s: Scored): (typeof BANDS)[number] {
  const z = s.information?.z ?? null;
  if (z === null) return BANDS[3];
  return z >= 5 ? BANDS[0] : z >= 3 ? BANDS[1] : BANDS[2];
}

export function printInformation(scores: readonly Scored[]): void {
  const eligible = scores.filter((s) => s.lowExposureEligible);
  const bands = BANDS.map((band) => eligible.filter((s) => bandOf(s) === band)).map((group, i) => `${BANDS[i]} ${count(group, (s) => s.caughtAtLowExposure)}/${group.length}`);
  console.log(`  caught at ≤ 5 % by what the data showed there (post-onset counts in the unit, onset known, one look): ${bands.join(', ')}`);
  // Quantiles have no count oracle: counted as within reach, so the ceiling is generous.
  const reachable = eligible.filter((s) => s.information?.withinReach !== false);
  const ceiling = eligible.length ? reachable.length / eligible.length : null;
  console.log(
    `  ceiling at ≤ 5 %: ${reachable.length}/${eligible.length} (${pct(ceiling)}) are within reach of that oracle at its unit's own α (quantiles counted in); the guard caught ${count(reachable, (s) => s.caughtAtLowExposure)} of those`,
  );
  // The Poisson oracle counts every event as independent; on healthy rollouts its z spreads about twice
  // as wide as a z should. The conditional quasi-Poisson look keeps its level there (test/shared/scenarioInformation.test.ts).
  const valid = eligible.filter((s) => s.information?.withinReachQuasi !== false);
  console.log(
    `  … allowing for the noise between intervals (each interval's counts conditioned on its total, z / √dispersion): ${valid.length}/${eligible.length} (${pct(eligible.length ? valid.length / eligible.length : null)}) within reach; the guard caught ${count(valid, (s) => s.caughtAtLowExposure)} of those`,
  );
}

/**
 * How often the guard itself moved a healthy rollout on at each stage, as the outside evaluation
 * counted stages held inconclusive; of those it held, how many had every gate passing at the stage's
 * last look (held by the soak or the minimum samples, which the plan sets) rather than by evidence.
 */
export function printStageHolds(scores: readonly Scored[]): void {
  const healthy = scores.filter((s) => s.truth.kind === 'healthy' || s.truth.kind === 'improvement').flatMap((s) => s.stages);
  const byExposure = groupBy(healthy, (h) => String(h.exposure)).sort(([a], [b]) => Number(a) - Number(b));
  const parts = byExposure.map(([exposure, g]) => {
    const held = g.filter((h) => !h.promoted);
    return `${exposure} % ${count(g, (h) => h.promoted)}/${g.length} (held with every gate passing: ${count(held, (h) => h.passingAtEnd)})`;
  });
  console.log(`  healthy or improved stages the guard promoted before the schedule moved on: ${parts.join(', ')}`);
}

export function printBreakdowns(scores: readonly Scored[]): void {
  printRegressions(scores);
  printInformation(scores);
  printStageHolds(scores);
  printFalseHalts(scores);
  const within = scores.filter((s) => s.truth.kind === 'subtolerance');
  const stoppedWithin = groupBy(within.filter((s) => s.firstStop), (s) => `${s.truth.metric}`).map(([m, g]) => `${m} ${g.length}`);
  console.log(`  stops within tolerance by metric: ${stoppedWithin.join(', ') || 'none'} (of ${within.length})`);
}
