import { useDeferredValue, useMemo } from 'react';
import type { PlanReadiness, StageDecideTime } from '../../../shared/domain/readiness.ts';
import { planDecideTimes } from '../../../shared/evidence/planning.ts';
import { planFromYaml } from '../../../shared/plans/yaml.ts';
import { stageReadinessText } from './readinessText.ts';

/** Where the times to decide come from, so an estimate is weighed for what it is. */
export function ReadinessSource({ readiness }: { readiness: PlanReadiness | null }) {
  if (!readiness) return null;
  return (
    <p className="muted plan-note" data-testid="plan-readiness-source">
      {readiness.traffic
        ? `Time to decide: for a canary that behaves like its baseline, at the traffic of ${readiness.source.text}.`
        : `Time to decide: traffic unknown (${readiness.source.text}), so it cannot be estimated yet.`}
    </p>
  );
}

/** A stage's time to decide against its soak, in words; the slowest gate's reason on a second line. */
export function StageReadiness({ stage }: { stage: StageDecideTime | undefined }) {
  if (!stage) return <span className="muted">—</span>;
  const r = stageReadinessText(stage);
  return (
    <span className={`stage-readiness readiness-${r.tone}`}>
      {r.tone === 'warn' ? <strong>{r.text}</strong> : r.text}
      {r.detail ? <span className="readiness-detail muted">{r.detail}</span> : null}
    </span>
  );
}

/**
 * The edited plan's stages against the traffic already seen, as the text is typed: a soak too short
 * for its exposure shows before it is saved. Nothing while the YAML does not parse.
 */
export function EditorReadiness({ text, readiness }: { text: string; readiness: PlanReadiness | null }) {
  const deferred = useDeferredValue(text);
  const stages = useMemo(() => {
    const parsed = planFromYaml(deferred);
    return parsed.ok ? planDecideTimes(parsed.value, readiness?.traffic ?? null, readiness?.reading) : null;
  }, [deferred, readiness]);
  if (!stages) return null;
  return (
    <div className="editor-readiness" data-testid="plan-editor-readiness" aria-live="polite">
      <h3>Time to decide, as edited{readiness?.traffic ? '' : ' (traffic unknown)'}</h3>
      <ul>
        {stages.map((s) => (
          <li key={s.stageIndex}>
            <strong>{s.label}</strong>: <StageReadiness stage={s} />
          </li>
        ))}
      </ul>
    </div>
  );
}
