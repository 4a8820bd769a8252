import { useId } from 'react';
import { METRICS, type MetricName } from '../../../shared/domain/metrics.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { emptyQuery, type MappingProblems, type QueryDraft, type QueryPart } from './mappingForm.ts';

const PART_LABEL: Record<QueryPart, string> = { events: 'Events', trials: 'Trials', value: 'Value', weight: 'Weight', scale: 'Scale' };
const PART_HINT: Record<QueryPart, string> = {
  events: 'What is counted per interval (5xx responses, completed checkouts).',
  trials: 'What it is counted out of (all requests, started checkouts): the weight.',
  value: 'The value per interval (a quantile, a utilization).',
  weight: 'The requests, pods or users behind each value.',
  scale: '×1000 for seconds → ms, ×100 for a fraction → %.',
};

/** Enough rows to show a query whole, up to a point: about 55 characters a row at half the width. */
const rowsFor = (text: string): number => Math.min(8, Math.max(2, Math.ceil(text.length / 55) + text.split('\n').length - 1));

/** One gate metric's queries: a rate's events and trials, or a value with its weight and scale; or, unmapped, a flag and a way to add them. */
export function QueryFields({
  metric,
  draft,
  usedBy,
  problems,
  onChange,
}: {
  metric: MetricName;
  draft: QueryDraft | undefined;
  usedBy: string[] | undefined;
  problems: MappingProblems;
  onChange: (draft: QueryDraft | undefined) => void;
}) {
  const base = useId();
  const info = METRICS[metric];
  const used = usedBy?.length ? `used by ${usedBy.join(', ')}` : 'not used by any gate';
  const whole = problems[`queries.${metric}`];
  const legend = (
    <legend className="query-legend">
      {info.label} <span className="mono muted">{metric}</span> <span className="query-used">{used}</span>
    </legend>
  );
  if (!draft) {
    return (
      <fieldset className="query-set query-unmapped" data-testid={`query-${metric}`}>
        {legend}
        <p className="unmapped-note" data-testid={`unmapped-${metric}`}>
          No query: the guard has no data for this metric, so its gates can never pass.
        </p>
        <button type="button" className="button small align-start" onClick={() => onChange(emptyQuery(metric))}>
          Add a query for {info.label}
        </button>
      </fieldset>
    );
  }
  const parts: QueryPart[] = draft.kind === 'rate' ? ['events', 'trials'] : ['value', 'weight', 'scale'];
  return (
    <fieldset className="query-set" data-testid={`query-${metric}`} aria-describedby={whole ? `${base}-whole` : undefined}>
      {legend}
      <div className="query-head">
        <div className="choice-row" role="radiogroup" aria-label={`How ${info.label} is read`}>
          <label>
            <input type="radio" name={`${base}-kind`} checked={draft.kind === 'rate'} onChange={() => onChange({ ...draft, kind: 'rate' })} /> Events out of trials
          </label>
          <label>
            <input type="radio" name={`${base}-kind`} checked={draft.kind === 'value'} onChange={() => onChange({ ...draft, kind: 'value' })} /> A value and its weight
          </label>
        </div>
        <button type="button" className="button small" onClick={() => onChange(undefined)} aria-label={`Remove the ${info.label} query`}>
          Remove
        </button>
      </div>
      <div className={`query-pair${draft.kind === 'value' ? ' with-scale' : ''}`}>
        {parts.map((part) => {
          const id = `${base}-${part}`;
          const problem = problems[`queries.${metric}.${part}`];
          return (
            <div className="field" key={part}>
              <label htmlFor={id}>
                {PART_LABEL[part]}
                <span className="visually-hidden"> query for {info.label}</span>
              </label>
              {part === 'scale' ? (
                <input id={id} className="input mono" inputMode="decimal" value={draft.scale} {...invalidProps(problem, `${id}-problem`, `${id}-hint`)} onChange={(e) => onChange({ ...draft, scale: e.target.value })} />
              ) : (
                <textarea
                  id={id}
                  className="textarea code"
                  rows={rowsFor(draft[part])}
                  spellCheck={false}
                  value={draft[part]}
                  maxLength={4000}
                  placeholder={part === 'events' || part === 'trials' || part === 'weight' ? 'sum by ($segmentLabels) (increase(…{$cohort}[$interval]))' : 'histogram_quantile(0.95, …)'}
                  {...invalidProps(problem, `${id}-problem`, `${id}-hint`)}
                  onChange={(e) => onChange({ ...draft, [part]: e.target.value })}
                />
              )}
              <p className="field-hint" id={`${id}-hint`}>
                {PART_HINT[part]}
              </p>
              <FieldError id={`${id}-problem`} message={problem} />
            </div>
          );
        })}
      </div>
      <FieldError id={`${base}-whole`} message={whole} />
    </fieldset>
  );
}
