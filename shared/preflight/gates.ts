// Check 1: every stage that leads somewhere has gates. A stage before the last is promoted (by the
// guard or on approval) on its gates' verdict; without gates nothing stands between it and the next
// exposure. The last stage is 100 %: it completes rather than promotes, and at full exposure no
// baseline is left to compare with, so it may go without; a plan whose only stage has no gates
// watches nothing at all.
import type { PreflightCheck, PreflightItem } from '../domain/preflight.ts';
import type { Stage } from '../domain/release.ts';
import { capital, check, listed, pct, stageName } from './text.ts';

type StageGates = Pick<Stage, 'label' | 'exposurePct' | 'promotion' | 'gates'>;

export function gatesCheck(stages: readonly StageGates[]): PreflightCheck {
  const items: PreflightItem[] = stages.map((s, i) => {
    const subject = stageName(s);
    const next = stages[i + 1];
    if (s.gates.length > 0) return { subject, outcome: 'pass', text: `${s.gates.length} gate${s.gates.length === 1 ? '' : 's'}: ${s.gates.map((g) => g.id).join(', ')}` };
    if (next) {
      const how = s.promotion === 'automatic' ? 'the guard promotes it on its own' : 'it is promoted on approval';
      return { subject, outcome: 'fail', text: `no gates: ${how} to ${pct(next.exposurePct)} with nothing judged` };
    }
    if (stages.length === 1) {
      return { subject, outcome: 'fail', text: `the plan’s only stage, with no gates: the rollout goes to ${pct(s.exposurePct)} with nothing judged` };
    }
    const how = s.promotion === 'automatic' ? 'the guard completes it on its own' : 'a person completes it';
    return { subject, outcome: 'pass', text: `no gates at full exposure, where no baseline is left to compare with: ${how}` };
  });
  const failing = stages.filter((_, i) => items[i]!.outcome === 'fail');
  if (failing.length === 0) {
    const gated = stages.filter((s) => s.gates.length > 0).length;
    return check('gates', {
      finding: `All ${gated} stage${gated === 1 ? '' : 's'} before full exposure have gates.`,
      fix: null,
      items,
    });
  }
  const names = failing.map(stageName);
  if (stages.length === 1) {
    return check('gates', {
      finding: `The plan’s only stage has no gates: nothing watches this rollout on its way to ${pct(stages[0]!.exposurePct)}.`,
      fix: 'Add stages below 100% with gates (say 1% → 10% → 50% → 100%, each with an error-rate and a latency or crash-free gate) in the plan editor.',
      items,
    });
  }
  const one = failing.length === 1;
  return check('gates', {
    finding: `${capital(listed(names))} ${one ? 'has' : 'have'} no gates: nothing stands between ${one ? 'it' : 'them'} and the next exposure.`,
    fix: `Add gates to ${listed(names)} in the plan editor (the target’s default plan has error-rate, latency and conversion gates to copy), or remove ${one ? 'the stage' : 'those stages'}.`,
    items,
  });
}
