import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { TargetKind } from '../../../shared/domain/release.ts';
import { DEFAULT_PHASES } from '../../../shared/domain/trains.ts';
import { defaultPlan } from '../../../shared/plans/defaults.ts';
import type { Plan } from '../../../shared/plans/plan.ts';
import { planFromYaml, planToYaml } from '../../../shared/plans/yaml.ts';
import type { AppError, InputIssue } from '../../../shared/result.ts';
import { TARGET_LABEL } from '../../lib/labels.ts';
import { useStore } from '../../store/context.tsx';
import { ErrorBanner } from '../../ui/ErrorBanner.tsx';
import { IssueList } from '../../ui/IssueList.tsx';
import { firstKickoff, formatUtc, parseTimeOfDay, slugify, WEEKDAYS } from './kickoff.ts';

type Cadence = '7' | '14' | 'custom';

/** Checks a plan typed as YAML in the browser, with the same reader the host uses: line and field for every problem. */
function checkPlan(yaml: string, target: TargetKind): { plan: Plan | null; issues: InputIssue[] } {
  const parsed = planFromYaml(yaml);
  if (!parsed.ok) return { plan: null, issues: parsed.error.issues ?? [{ path: '(yaml)', message: parsed.error.message }] };
  if (parsed.value.target !== target) {
    return { plan: null, issues: [{ path: 'target', message: `the plan is for ${parsed.value.target}; the train ships to ${target}` }] };
  }
  return { plan: parsed.value, issues: [] };
}

/** A new release train: cadence, kickoff, rotation and plan; the standard six phases with their checklists. */
export function NewTrainForm({ onCancel }: { onCancel: () => void }) {
  const saveTrain = useStore((s) => s.saveTrain);
  const trains = useStore((s) => s.trains);
  const navigate = useNavigate();
  const ids = {
    name: useId(),
    id: useId(),
    app: useId(),
    target: useId(),
    cadence: useId(),
    days: useId(),
    weekday: useId(),
    time: useId(),
    rotation: useId(),
    yaml: useId(),
    kickoffHint: useId(),
    yamlIssues: useId(),
  };
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [app, setApp] = useState('');
  const [target, setTarget] = useState<TargetKind>('service');
  const [cadence, setCadence] = useState<Cadence>('7');
  const [customDays, setCustomDays] = useState('10');
  const [weekday, setWeekday] = useState(1);
  const [time, setTime] = useState('09:00');
  const [rotation, setRotation] = useState('');
  const [planSource, setPlanSource] = useState<'default' | 'yaml'>('default');
  const [yaml, setYaml] = useState('');
  const [yamlIssues, setYamlIssues] = useState<InputIssue[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const slug = idTouched ? id : slugify(name);
  const tod = parseTimeOfDay(time);
  // The kickoff is computed when shown and again when sent; a form left open across a kickoff stays right.
  const kickoffPreview = tod ? firstKickoff(weekday, tod[0], tod[1], Date.now()) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: string[] = [];
    if (!name.trim()) found.push('Give the train a name.');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) found.push('The id needs lower-case letters, digits and - only.');
    else if (trains?.some((t) => t.train.id === slug)) found.push(`A train “${slug}” exists already; choose another id.`);
    if (!app.trim()) found.push('Name the app or service it ships.');
    const days = cadence === 'custom' ? Number(customDays) : Number(cadence);
    if (!Number.isInteger(days) || days < 1 || days > 90) found.push('A custom cadence is a whole number of days from 1 to 90.');
    if (!tod) found.push('Give the kickoff time as HH:MM (UTC).');
    const people = rotation
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (people.length === 0) found.push('Name at least one person for the monitoring rotation.');
    let plan: Plan = defaultPlan(target);
    let planIssues: InputIssue[] | null = null;
    if (planSource === 'yaml') {
      const checked = checkPlan(yaml, target);
      planIssues = checked.issues;
      if (checked.plan) plan = checked.plan;
      else found.push('The plan YAML has problems: see below it.');
    }
    setYamlIssues(planIssues);
    setProblems(found);
    setError(null);
    if (found.length > 0 || !tod) return;
    setBusy(true);
    const result = await saveTrain({
      id: slug,
      name: name.trim(),
      app: app.trim(),
      target,
      cadenceDays: days,
      firstKickoff: firstKickoff(weekday, tod[0], tod[1], Date.now()),
      phases: DEFAULT_PHASES,
      rotation: people,
      plan,
    });
    setBusy(false);
    if (result.ok) navigate(`/trains/${encodeURIComponent(result.value.train.id)}`);
    else setError(result.error);
  };

  return (
    <form className="panel form new-train-form" onSubmit={submit} noValidate aria-labelledby="new-train-title" data-testid="new-train-form">
      <h2 id="new-train-title">New train</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} ref={first} className="input" value={name} maxLength={120} placeholder="Checkout API weekly" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.id}>Id (slug)</label>
          <input
            id={ids.id}
            className="input mono"
            value={slug}
            maxLength={64}
            placeholder="checkout-api-weekly"
            onChange={(e) => {
              setIdTouched(true);
              setId(e.target.value);
            }}
          />
          <p className="field-hint">Lower-case letters, digits and -; made from the name until you change it.</p>
        </div>
        <div className="field">
          <label htmlFor={ids.app}>App</label>
          <input id={ids.app} className="input" value={app} maxLength={120} placeholder="checkout-api" onChange={(e) => setApp(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.target}>Target</label>
          <select id={ids.target} className="select" value={target} onChange={(e) => setTarget(e.target.value as TargetKind)}>
            {TargetKind.options.map((t) => (
              <option key={t} value={t}>
                {TARGET_LABEL[t]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>Cadence and kickoff</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.cadence}>Cadence</label>
            <select id={ids.cadence} className="select" value={cadence} onChange={(e) => setCadence(e.target.value as Cadence)}>
              <option value="7">Weekly</option>
              <option value="14">Every two weeks</option>
              <option value="custom">Custom (every N days)</option>
            </select>
          </div>
          {cadence === 'custom' ? (
            <div className="field">
              <label htmlFor={ids.days}>Every N days</label>
              <input id={ids.days} className="input" type="number" min={1} max={90} step={1} value={customDays} onChange={(e) => setCustomDays(e.target.value)} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={ids.weekday}>Kickoff weekday</label>
            <select id={ids.weekday} className="select" value={weekday} aria-describedby={ids.kickoffHint} onChange={(e) => setWeekday(Number(e.target.value))}>
              {WEEKDAYS.map((d) => (
                <option key={d.day} value={d.day}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.time}>Kickoff time (UTC)</label>
            <input id={ids.time} className="input" type="time" value={time} aria-describedby={ids.kickoffHint} onChange={(e) => setTime(e.target.value)} />
          </div>
        </div>
        <p className="field-hint" id={ids.kickoffHint} data-testid="kickoff-hint">
          The first run kicks off at the most recent such weekday and time at or before now, so the current run is already in progress
          {kickoffPreview !== null ? (
            <>
              : <strong>{formatUtc(kickoffPreview)}</strong>
            </>
          ) : null}
          . Later runs follow the cadence. Phases: feature cutoff (day 0), stabilization (1), validation (3), submission (4), staged rollout (5), full release (12).
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor={ids.rotation}>Monitoring rotation</label>
        <input id={ids.rotation} className="input" value={rotation} placeholder="dana, eli" onChange={(e) => setRotation(e.target.value)} />
        <p className="field-hint">Comma-separated names; one watches each run in turn.</p>
      </div>
      <fieldset>
        <legend>Plan</legend>
        <div className="choice-row">
          <label>
            <input type="radio" name="plan-source" value="default" checked={planSource === 'default'} onChange={() => setPlanSource('default')} />
            Default plan for the target ({defaultPlan(target).name})
          </label>
          <label>
            <input type="radio" name="plan-source" value="yaml" checked={planSource === 'yaml'} onChange={() => setPlanSource('yaml')} />
            Plan YAML
          </label>
        </div>
        {planSource === 'yaml' ? (
          <div className="field plan-yaml-field">
            <label htmlFor={ids.yaml}>Plan YAML</label>
            <textarea
              id={ids.yaml}
              className="textarea code"
              rows={16}
              spellCheck={false}
              value={yaml}
              aria-invalid={yamlIssues?.length ? true : undefined}
              aria-describedby={yamlIssues?.length ? ids.yamlIssues : undefined}
              placeholder={'name: My plan\ntarget: service\nstages:\n  - label: internal\n    exposure: 0\n    …'}
              onChange={(e) => setYaml(e.target.value)}
            />
            <div className="form-buttons">
              <button type="button" className="button small" onClick={() => setYaml(planToYaml(defaultPlan(target)))}>
                Start from the default plan
              </button>
              <button type="button" className="button small" onClick={() => setYamlIssues(checkPlan(yaml, target).issues)}>
                Check plan
              </button>
              {yamlIssues && yamlIssues.length === 0 && yaml.trim() ? <span className="form-status">The plan reads well.</span> : null}
            </div>
            {yamlIssues && yamlIssues.length > 0 ? (
              <div id={ids.yamlIssues} className="error-banner" role="alert" data-testid="train-plan-issues">
                <strong>The plan has problems:</strong>
                <IssueList issues={yamlIssues} />
              </div>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      {problems.length > 0 ? (
        <div className="error-banner" role="alert">
          <strong>Not saved yet:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? <ErrorBanner error={error} context="Could not save the train" /> : null}
      <div className="form-buttons">
        <button type="submit" className="button primary" aria-busy={busy || undefined} aria-disabled={busy || undefined}>
          Create train
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
