import { SIGNAL_KINDS, MAPPING_TEMPLATES, templateQueries, type MappingTemplate } from '../../../shared/sources/templates.ts';

/** The mapping templates, one card each, grouped by the kind of signal they watch; Insert fills the form with one. */
export function TemplatePicker({ onInsert }: { onInsert: (template: MappingTemplate) => void }) {
  return (
    <fieldset data-testid="template-picker">
      <legend>Insert a template</legend>
      <p className="field-hint">
        Queries for Prometheus’ common exporters, for the four kinds of signal a service rollout should watch. Inserting replaces those metrics’ queries; adjust the label names to
        your own before saving.
      </p>
      <div className="template-grid">
        {MAPPING_TEMPLATES.map((t) => {
          const { known, unknown } = templateQueries(t);
          const metrics = Object.keys(t.queries);
          const none = Object.keys(known).length === 0;
          const hintId = `template-${t.id}-needs`;
          return (
            <div className="template-card" key={t.id} data-testid={`template-${t.id}`}>
              <span className="template-kind">
                {SIGNAL_KINDS[t.signal].label} · {SIGNAL_KINDS[t.signal].watches}
              </span>
              <h4>{t.title}</h4>
              <p className="template-metrics">{metrics.join(', ')}</p>
              <details className="template-details">
                <summary>What it needs</summary>
                <p className="template-needs" id={hintId}>
                  {t.needs}
                </p>
                <p className="template-needs">{t.notes}</p>
              </details>
              {unknown.length ? (
                <p className="template-needs" data-testid={`template-${t.id}-unknown`}>
                  Not {unknown.length === 1 ? 'a gate metric' : 'gate metrics'} in this version of Stagegate yet{none ? '' : `: ${unknown.join(', ')} stay out`}.
                </p>
              ) : null}
              <button
                type="button"
                className="button small"
                onClick={() => onInsert(t)}
                disabled={none}
                aria-label={`Insert ${SIGNAL_KINDS[t.signal].label.toLowerCase()} template: ${t.title}`}
                aria-describedby={hintId}
              >
                Insert {SIGNAL_KINDS[t.signal].label.toLowerCase()} template
              </button>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
