// Check 3: each stage can reach its minimum evidence within its soak at its planned exposure — the
// plan readiness the Release detail shows (shared/evidence/planning.ts), read as a verdict. A stage
// that cannot decide in time would sit at its exposure past its soak, or be promoted on an override;
// traffic not seen yet leaves the question open, which is a warning, not a refusal.
import type { PreflightCheck, PreflightItem } from '../domain/preflight.ts';
import { CLOSE_TO_SOAK, closeToSoak, type SampleOverlap, type StageDecideTime, type TrafficSource, type WaitKind } from '../domain/readiness.ts';
import { overlapFixText, overlapPredicate, overlapReadingText, PUSHED_SAMPLES, type OverlapWords } from './overlap.ts';
import { andMore, approxMinutes, capital, check, exactMinutes, pct, stageWords } from './text.ts';

/** The rest of the fix after "Lengthen the soak…", by what the stage waits for: exposure never shortens a wait for intervals. */
const FIX_REST: Record<WaitKind, string> = {
  intervals: ' (it waits for intervals, which no exposure shortens)',
  stage_samples: ', raise its exposure, or lower its minimum samples',
  gate_samples: ', raise its exposure, or lower its gates’ minimum samples',
  evidence: ', or raise its exposure',
};

const stageOf = (s: Pick<StageDecideTime, 'label' | 'exposure'>): string => `stage ${stageWords(s.label, s.exposure)}`;

/** `words` name what was read: a release's pushed samples (the pre-flight), or a file's rows (`plan check`). */
export function evidenceCheck(readiness: { source: TrafficSource; stages: readonly StageDecideTime[]; overlaps: readonly SampleOverlap[] }, words: OverlapWords = PUSHED_SAMPLES): PreflightCheck {
  const items: PreflightItem[] = [];
  const tooShort: { stage: StageDecideTime; item: PreflightItem }[] = [];
  const close: { stage: StageDecideTime; item: PreflightItem }[] = [];
  const unknown: PreflightItem[] = [];
  for (const s of readiness.stages) {
    if (s.gates.length === 0) continue;
    const subject = stageOf(s);
    const soak = exactMinutes(s.soakMinutes);
    let item: PreflightItem;
    if (s.canDecideWithinSoak === false) {
      item =
        s.minutesToDecide !== null
          ? { subject, outcome: 'fail', text: `needs ${approxMinutes(s.minutesToDecide)} to decide at ${pct(s.exposure)} but soaks ${soak} (${s.why})` }
          : { subject, outcome: 'fail', text: `cannot decide at ${pct(s.exposure)} at this traffic: ${s.why}` };
      tooShort.push({ stage: s, item });
    } else if (closeToSoak(s)) {
      item = { subject, outcome: 'warn', text: `decides in ${approxMinutes(s.minutesToDecide ?? 0)} of its ${soak} soak: close — a healthy canary may take longer` };
      close.push({ stage: s, item });
    } else if (s.canDecideWithinSoak === true) {
      item = { subject, outcome: 'pass', text: `decides in ${approxMinutes(s.minutesToDecide ?? 0)} of its ${soak} soak` };
    } else if (s.minutesToDecide !== null) {
      item = { subject, outcome: 'pass', text: `decides in ${approxMinutes(s.minutesToDecide)}; no soak set, so it waits for its gates` };
    } else {
      // Unknown traffic is the plan's, not one gate's: naming the gate adds nothing.
      item = { subject, outcome: 'warn', text: s.why.endsWith('traffic unknown') ? 'traffic unknown: no samples to estimate from yet' : `time to decide unknown: ${s.why}` };
      unknown.push(item);
    }
    items.push(item);
  }
  if (items.length === 0) return check('evidence', { outcome: 'pass', finding: 'No stage has gates, so no stage waits for evidence.', fix: null, items });
  // Windows that overlap make the traffic look several times what it is, so the times above read too short, and the guard counts each event several times: said first, before any summing up of the stages.
  const overlaps: PreflightItem[] = readiness.overlaps.map((o) => ({ subject: `${o.metric} ${words.many}`, outcome: 'warn', text: overlapPredicate(o) }));
  if (tooShort.length > 0) {
    const { stage, item } = tooShort[0]!;
    const finding = `${capital(stage.minutesToDecide !== null ? `${item.subject} needs ${approxMinutes(stage.minutesToDecide)} to decide at ${pct(stage.exposure)} but soaks ${exactMinutes(stage.soakMinutes)}` : `${item.subject} cannot decide at ${pct(stage.exposure)}: ${stage.why}`)}${andMore(tooShort.length - 1, 'stages')}.`;
    const fix =
      stage.minutesToDecide !== null
        ? `Lengthen the soak of ${item.subject} to at least ${approxMinutes(stage.minutesToDecide).replace('≈ ', '')}${FIX_REST[stage.wait ?? 'evidence']}.`
        : `Raise the exposure of ${item.subject} or loosen the gate it names, so a healthy canary can pass there.`;
    return check('evidence', { finding, fix, items: [...overlaps, ...items] });
  }
  if (overlaps.length > 0) {
    return check('evidence', {
      finding: `The ${overlapReadingText(readiness.overlaps[0]!, words)}${andMore(overlaps.length - 1, 'metrics')}; the times to decide are read too short.`,
      fix: `${overlapFixText(words)}.`,
      items: [...overlaps, ...items],
    });
  }
  if (unknown.length > 0) {
    return check('evidence', {
      finding:
        readiness.source.kind === 'unknown'
          ? `Traffic is unknown (${readiness.source.text}), so whether the stages can decide within their soak cannot be said yet.`
          : `${capital(unknown[0]!.subject)}: ${unknown[0]!.text}${andMore(unknown.length - 1, 'stages')}.`,
      fix: 'It is estimated again from the release’s own samples once they arrive: after the start, the gate panel says how long each gate still needs; lengthen a soak that turns out too short.',
      items,
    });
  }
  if (close.length > 0) {
    const { stage, item } = close[0]!;
    return check('evidence', {
      finding: `${capital(item.subject)} decides in ${approxMinutes(stage.minutesToDecide!)} of its ${exactMinutes(stage.soakMinutes)} soak: close to it${andMore(close.length - 1, 'stages')}.`,
      fix: `Lengthen the soak of ${item.subject} to at least ${exactMinutes(Math.ceil(stage.minutesToDecide! / CLOSE_TO_SOAK))}, so a healthy canary slower than the estimate still decides in time.`,
      items,
    });
  }
  return check('evidence', { finding: `Every gated stage can decide within its soak at the traffic of ${readiness.source.text}.`, fix: null, items });
}
