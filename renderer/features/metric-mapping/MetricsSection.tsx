import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { METRICS, MetricName } from '../../../shared/domain/metrics.ts';
import type { ReleaseSummary } from '../../../shared/domain/release.ts';
import type { PlanView } from '../../../shared/domain/views.ts';
import { Dimension } from '../../../shared/gates/types.ts';
import type { MetricMapping } from '../../../shared/sources/mapping.ts';
import { useClient, useReads } from '../../api/ApiProvider.tsx';
import { appErrorOf, unwrap } from '../../api/hostError.ts';
import { FRESH_ON_OPEN } from '../../api/queries.ts';
import { useRole } from '../../api/useInfo.ts';
import { useInPlaceEditor } from '../../lib/useInPlaceEditor.ts';
import { KIND_LABEL } from '../connections/connectionText.ts';
import { MappingEditor } from './MappingEditor.tsx';
import { MappingPreview } from './MappingPreview.tsx';
import { formFromMapping, gateMetricsOf, queryCount, unmappedMetrics } from './mappingForm.ts';
import { renderSelector } from './TemplateVariables.tsx';
import './metric-mapping.css';

/** The plan's metric mapping: where each gate metric is read from, edited beside the stages and previewed against the provider now. */
export function MetricsSection({ release, plan, canEdit }: { release: ReleaseSummary; plan: PlanView; canEdit: boolean }) {
  const operator = useRole() === 'operator';
  const connections = useQuery({ ...useReads().connections(), ...FRESH_ON_OPEN, enabled: operator }).data ?? null;
  const client = useClient();
  // Runs the mapping's queries now (nothing is stored); the result shown is always the newest run's.
  const previewRun = useMutation({ mutationFn: (m: MetricMapping) => unwrap(client.previewMetrics({ releaseId: release.id, mapping: m })) });
  const [queries, setQueries] = useState(0);
  const [editing, setEditing] = useState(false);
  const { saved, opener, openEditor, closeEditor } = useInPlaceEditor(editing, setEditing);
  const mapping = plan.plan.metrics;

  const runPreview = (m: MetricMapping) => {
    setQueries(queryCount(m));
    previewRun.mutate(m);
  };
  const preview = previewRun.isIdle ? null : { running: previewRun.isPending, queries, preview: previewRun.data ?? null, error: appErrorOf(previewRun.error) };

  const connection = mapping ? connections?.find((c) => c.id === mapping.connection) : undefined;
  return (
    <section className="metrics-section" aria-labelledby="metrics-title" data-testid="metrics-section">
      <div className="metrics-head">
        <h3 id="metrics-title">Metrics</h3>
        <span className="muted">
          {mapping
            ? `Read from ${connection ? `${connection.name} (${KIND_LABEL[connection.config.kind]})` : `connection ${mapping.connection}`}`
            : 'No mapping: this release is fed by the simulator or by pushed samples.'}
        </span>
        {!editing ? (
          <div className="panel-tools">
            {operator && mapping ? (
              <button type="button" className="button small" aria-busy={preview?.running || undefined} onClick={() => runPreview(mapping)}>
                Preview
              </button>
            ) : null}
            {canEdit ? (
              <button type="button" ref={opener} className="button small" onClick={openEditor}>
                {mapping ? 'Edit metrics' : 'Map metrics'}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {saved ? (
        <p className="form-status" role="status" data-testid="metrics-saved">
          Metrics saved with the plan
        </p>
      ) : null}
      {editing ? (
        <MappingEditor
          release={release}
          plan={plan}
          connections={connections}
          previewing={preview?.running ?? false}
          onPreview={runPreview}
          onDone={closeEditor}
        />
      ) : mapping ? (
        <MappingSummary release={release} plan={plan} mapping={mapping} />
      ) : null}
      {preview ? <MappingPreview {...preview} /> : null}
    </section>
  );
}

function MappingSummary({ release, plan, mapping }: { release: ReleaseSummary; plan: PlanView; mapping: MetricMapping }) {
  const gateMetrics = useMemo(() => gateMetricsOf(plan.plan), [plan.plan]);
  const unmapped = unmappedMetrics(formFromMapping(mapping), gateMetrics);
  const vars = { version: release.version, baselineVersion: release.baselineVersion ?? '', app: release.app, release: release.id };
  const segments = Dimension.options.filter((d) => mapping.segments[d]);
  return (
    <>
      <dl className="mapping-summary" data-testid="mapping-summary">
        <dt>Fetched</dt>
        <dd>
          every <span className="mono">{String(mapping.interval)}</span>; stale after <span className="mono">{String(mapping.staleAfter)}</span>
        </dd>
        <dt>Cohorts</dt>
        <dd>
          canary <code>{renderSelector(mapping.cohorts.label, mapping.cohorts.canary, vars)}</code> · baseline <code>{renderSelector(mapping.cohorts.label, mapping.cohorts.baseline, vars)}</code>
        </dd>
        <dt>Segments</dt>
        <dd>{segments.length ? segments.map((d) => `${d} ← ${mapping.segments[d]}`).join(' · ') : 'none: totals only'}</dd>
      </dl>
      {unmapped.length ? (
        <p className="unmapped-note" data-testid="unmapped-summary">
          No query for {unmapped.map((m) => METRICS[m].label).join(', ')}: the gates on {unmapped.length === 1 ? 'it' : 'them'} have no data.
        </p>
      ) : null}
      <table className="small-table mapping-queries">
        <caption className="visually-hidden">Queries per metric</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Queries</th>
          </tr>
        </thead>
        <tbody>
          {MetricName.options
            .filter((m) => mapping.queries[m])
            .map((m) => {
              const q = mapping.queries[m]!;
              const parts: [string, string][] = 'events' in q ? [['events', q.events], ['trials', q.trials]] : [['value', q.value], ['weight', q.weight], ['scale', `×${q.scale}`]];
              return (
                <tr key={m} data-testid={`mapped-${m}`}>
                  <th scope="row">
                    {METRICS[m].label}
                    <div className="mono muted">{m}</div>
                  </th>
                  <td>
                    {parts.map(([label, text]) => (
                      <div key={label}>
                        <span className="query-part">{label}</span> <span className="query-text">{text}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </>
  );
}
