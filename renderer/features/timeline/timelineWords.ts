// A timeline entry in words: its title, its detail line and the category it is filed under (icon,
// label, colour). One case per kind of entry; a kind without words does not compile.
import { ACTION_WORDS, OVERRIDE_REASON_WORDS, STATUS_WORDS } from '../../../shared/domain/words.ts';
import type { FlagState } from '../../../shared/domain/flags.ts';
import type { TimelineEntry } from '../../../shared/domain/timeline.ts';

export type TimelineCategory = 'release' | 'stage' | 'decision' | 'approval' | 'flag' | 'fault' | 'phase' | 'train';

export interface TimelineWords {
  category: TimelineCategory;
  title: string;
  detail: string;
}

const stateText = (s: FlagState): string => (s.mode === 'percentage' ? `${s.pct}%` : s.mode);

export function timelineWords(e: TimelineEntry): TimelineWords {
  switch (e.kind) {
    case 'release.created':
      return { category: 'release', title: `Release created: ${e.name}`, detail: e.plan === null ? '' : `plan ${e.plan}` };
    case 'plan.updated':
      return { category: 'release', title: 'Plan updated', detail: `${e.plan}, ${e.stages} stages` };
    case 'decision.recorded':
      return {
        category: 'decision',
        title: `${e.actor === 'guard' ? 'Guard' : (e.actor ?? '')}: ${ACTION_WORDS[e.action]} (${STATUS_WORDS[e.from]} → ${STATUS_WORDS[e.to]})`,
        detail: `${e.reason}${e.overrideReason ? ` — override: ${OVERRIDE_REASON_WORDS[e.overrideReason]}` : ''}`,
      };
    case 'approval.requested':
      return { category: 'approval', title: `Stage ${e.stage ?? e.stageIndex + 1} ready: waiting for approval`, detail: e.why };
    case 'simulator.fault_injected': {
      const where = [e.segment.region, e.segment.device, e.segment.tenant].filter(Boolean).join(' / ') || 'all segments';
      return { category: 'fault', title: `Simulated fault: ${e.metric} × ${e.factor} in ${where}`, detail: `from ${new Date(e.startsAt).toISOString()}` };
    }
    case 'simulator.faults_cleared':
      return { category: 'fault', title: 'Simulated faults ended', detail: `${e.count} fault(s)` };
    case 'flag.created':
      return { category: 'flag', title: `Flag ${e.flag} created`, detail: e.description };
    case 'flag.updated':
      return { category: 'flag', title: `Flag ${e.flag} updated`, detail: e.description };
    case 'flag.state_changed':
      return { category: 'flag', title: `Flag ${e.flag}: ${e.environment} ${stateText(e.from)} → ${stateText(e.to)}`, detail: e.reason };
    case 'train.created':
      return { category: 'train', title: 'Train created', detail: e.name };
    case 'train.updated':
      return { category: 'train', title: 'Train updated', detail: e.name };
    case 'train.item_checked':
      return { category: 'train', title: `Train item checked: ${e.item}`, detail: `${e.phase}, run ${e.run + 1}` };
    case 'train.item_unchecked':
      return { category: 'train', title: `Train item unchecked: ${e.item}`, detail: `${e.phase}, run ${e.run + 1}` };
    case 'stage.started':
      return { category: 'stage', title: `Stage ${e.label} started (${e.exposurePct}%)`, detail: `${e.gates} gate(s), ${e.promotion} promotion` };
    case 'train.phase':
      return { category: 'phase', title: `${e.train} #${e.run + 1}: ${e.label}`, detail: `owner ${e.owner}${e.overdue ? ' — overdue' : ''}` };
    default:
      return unreachable(e);
  }
}

function unreachable(e: never): never {
  throw new Error(`no words for timeline entry ${JSON.stringify(e)}`);
}
