import { memo } from 'react';
import { Link } from 'react-router';
import { ENVIRONMENTS, type Environment, type Flag } from '../../../shared/domain/flags.ts';
import { localDay } from '../../lib/format.ts';
import { ENVIRONMENT_LABEL, FLAG_TYPE_LABEL } from '../../lib/labels.ts';
import { attentionOf, stateText } from './attention.ts';

interface Props {
  flag: Flag;
  canEdit: boolean;
  releaseNames: ReadonlyMap<string, string>;
  trainNames: ReadonlyMap<string, string>;
  onChangeState: (flag: Flag, environment: Environment) => void;
  onEdit: (flag: Flag) => void;
  /** The flag asked for (from the command palette): marked until another is. */
  highlighted?: boolean;
}

function expiryText(flag: Flag, trainNames: ReadonlyMap<string, string>): string {
  switch (flag.expiry.kind) {
    case 'none':
      return 'No expiry';
    case 'date':
      return localDay(flag.expiry.at);
    case 'train': {
      const n = flag.expiry.trainsAfterFull;
      const train = trainNames.get(flag.expiry.trainId) ?? flag.expiry.trainId;
      return `${n} ${n === 1 ? 'train' : 'trains'} after 100% (${train})`;
    }
  }
}

export const FlagRow = memo(function FlagRow({ flag, canEdit, releaseNames, trainNames, onChangeState, onEdit, highlighted = false }: Props) {
  const attention = attentionOf(flag);
  const classes = [attention ? `flag-${attention}` : '', highlighted ? 'flag-asked' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes || undefined} data-testid={`flag-row-${flag.key}`} aria-current={highlighted ? 'true' : undefined}>
      <th scope="row">
        <span className="mono flag-key">{flag.key}</span>
        {attention === 'expired' ? <span className="badge badge-bad">Expired</span> : null}
        {flag.stale ? <span className="badge badge-warn">Stale</span> : null}
        <span className="flag-desc">{flag.description}</span>
        <span className="flag-actions">
          {canEdit ? (
            <button type="button" className="button small" aria-label={`Edit ${flag.key}`} onClick={() => onEdit(flag)}>
              Edit
            </button>
          ) : null}
          <Link to={`/events?${new URLSearchParams({ q: flag.key }).toString()}`} aria-label={`Events of ${flag.key}`}>
            Events
          </Link>
        </span>
      </th>
      <td className={attention ? 'flag-owner-alert' : undefined}>{attention ? <strong>{flag.owner}</strong> : flag.owner}</td>
      <td>{FLAG_TYPE_LABEL[flag.type]}</td>
      {ENVIRONMENTS.map((env) => {
        const state = flag.states[env];
        return (
          <td key={env} className="flag-state-cell">
            <span className={`flag-state flag-state-${state?.mode ?? 'off'}`} data-testid={`flag-state-${flag.key}-${env}`}>
              {stateText(state)}
            </span>
            {canEdit ? (
              <button type="button" className="button small" aria-label={`Change ${flag.key} in ${ENVIRONMENT_LABEL[env].toLowerCase()}`} onClick={() => onChangeState(flag, env)}>
                Change
              </button>
            ) : null}
          </td>
        );
      })}
      <td>
        {expiryText(flag, trainNames)}
        {flag.expiry.kind === 'train' && flag.expiresAt !== null ? <span className="muted flag-expiry-date"> → {localDay(flag.expiresAt)}</span> : null}
      </td>
      <td>
        {flag.linkedReleases.length === 0 ? <span className="muted">—</span> : null}
        <ul className="flag-links">
          {flag.linkedReleases.map((id) => (
            <li key={id}>
              <Link to={`/releases/${encodeURIComponent(id)}`}>{releaseNames.get(id) ?? id}</Link>
            </li>
          ))}
        </ul>
      </td>
      <td className="flag-cleanup">{flag.cleanup || <span className="muted">—</span>}</td>
    </tr>
  );
});
