import { useId } from 'react';
import { defaultPlan } from '../../../shared/plans/defaults.ts';
import { planToYaml } from '../../../shared/plans/yaml.ts';
import type { InputIssue } from '../../../shared/result.ts';
import { IssueList } from '../../ui/IssueList.tsx';
import { FieldError } from '../../ui/FieldError.tsx';
import { checkPlan, issueAt } from './trainFormInput.ts';
import type { FormMode, PlanSource, TrainFormState } from './trainFormState.ts';

interface Props {
  form: TrainFormState;
  mode: FormMode;
  issues: readonly InputIssue[];
  planIssues: InputIssue[] | null;
  setPlanIssues: (issues: InputIssue[] | null) => void;
  update: (f: (s: TrainFormState) => TrainFormState) => void;
}

/** The plan releases cut from the train start with: the one it has, the target's default, or one typed as YAML. */
export function PlanFields({ form, mode, issues, planIssues, setPlanIssues, update }: Props) {
  const ids = { yaml: useId(), yamlIssues: useId(), error: useId() };
  const name = useId();
  const choose = (planSource: PlanSource) => update((s) => ({ ...s, planSource }));
  const problem = issueAt(issues, 'plan') ?? issueAt(issues, 'plan.target');
  const hasIssues = Boolean(planIssues?.length);
  return (
    <fieldset>
      <legend>Plan</legend>
      <div className="choice-row">
        {mode.kind === 'edit' ? (
          <label>
            <input type="radio" name={name} value="current" checked={form.planSource === 'current'} onChange={() => choose('current')} />
            Keep the current plan ({mode.original.plan.name})
          </label>
        ) : null}
        <label>
          <input type="radio" name={name} value="default" checked={form.planSource === 'default'} onChange={() => choose('default')} />
          Default plan for the target ({defaultPlan(form.target).name})
        </label>
        <label>
          <input type="radio" name={name} value="yaml" checked={form.planSource === 'yaml'} onChange={() => choose('yaml')} />
          Plan YAML
        </label>
      </div>
      <FieldError id={ids.error} message={form.planSource === 'yaml' ? undefined : problem} />
      {form.planSource === 'yaml' ? (
        <div className="field plan-yaml-field">
          <label htmlFor={ids.yaml}>Plan YAML</label>
          <textarea
            id={ids.yaml}
            className="textarea code"
            rows={16}
            spellCheck={false}
            value={form.yaml}
            aria-invalid={hasIssues ? true : undefined}
            aria-describedby={hasIssues ? ids.yamlIssues : undefined}
            placeholder={'name: My plan\ntarget: service\nstages:\n  - label: internal\n    exposure: 0\n    …'}
            onChange={(e) => update((s) => ({ ...s, yaml: e.target.value }))}
          />
          <div className="form-buttons">
            <button type="button" className="button small" onClick={() => update((s) => ({ ...s, yaml: planToYaml(defaultPlan(s.target)) }))}>
              Start from the default plan
            </button>
            <button type="button" className="button small" onClick={() => setPlanIssues(checkPlan(form.yaml, form.target).issues)}>
              Check plan
            </button>
            {planIssues && planIssues.length === 0 && form.yaml.trim() ? <span className="form-status">The plan reads well.</span> : null}
          </div>
          {planIssues && planIssues.length > 0 ? (
            <div id={ids.yamlIssues} className="error-banner" role="alert" data-testid="train-plan-issues">
              <strong>The plan has problems:</strong>
              <IssueList issues={planIssues} />
            </div>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
