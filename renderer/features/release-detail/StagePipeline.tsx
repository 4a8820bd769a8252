import type { ReleaseSummary, Stage } from '../../../shared/domain/release.ts';
import { formatDuration } from '../../../shared/plans/plan.ts';
import { formatPct } from '../../lib/format.ts';
import { PROMOTION_LABEL, STATUS_LABEL } from '../../lib/labels.ts';
import { stageState } from './stageState.ts';

const STATE_TEXT = { done: 'Done', pending: 'Pending' } as const;

// In the plan's units, as the plan panel and the guard's next step write it ("1h30m", "1d").
const soak = (seconds: number): string => (seconds === 0 ? 'no soak' : `soak ${formatDuration(seconds)}`);

export function StagePipeline({ release, stages }: { release: ReleaseSummary; stages: Stage[] }) {
  return (
    <section className="panel" aria-labelledby="stages-title">
      <h2 id="stages-title">Stages</h2>
      <ol className="pipeline" data-testid="stage-pipeline">
        {stages.map((stage) => {
          const state = stageState(release, stage.index);
          return (
            <li key={stage.index} className={`stage stage-${state}`} aria-current={state === 'current' ? 'step' : undefined} data-testid={`stage-${stage.index}`}>
              <span className="stage-exposure">{formatPct(stage.exposurePct)}</span>
              {/* Store stages are named by their exposure; say it once. */}
              {stage.label !== formatPct(stage.exposurePct) ? <span className="stage-label">{stage.label}</span> : null}
              <span className="stage-state">{state === 'current' ? `Current · ${STATUS_LABEL[release.status]}` : STATE_TEXT[state]}</span>
              {state === 'current' && release.chosenExposurePct !== null && release.chosenExposurePct !== stage.exposurePct ? (
                <span className="stage-chosen" data-testid="stage-chosen">
                  runs at {formatPct(release.chosenExposurePct)}
                </span>
              ) : null}
              <span className="stage-meta">
                {PROMOTION_LABEL[stage.promotion]} · {soak(stage.minSoakSeconds)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
