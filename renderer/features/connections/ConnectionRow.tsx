import { memo } from 'react';
import type { ConnectionView } from '../../../shared/domain/connections.ts';
import { addressOf, KIND_LABEL, secretLabel, secretStateText } from './connectionText.ts';
import { TestResult } from './TestResult.tsx';

interface Props {
  connection: ConnectionView;
  testing: boolean;
  onTest: (c: ConnectionView) => void;
  onEdit: (c: ConnectionView) => void;
  onRemove: (c: ConnectionView) => void;
}

/** One connection: what it is, where it points, which secrets are set (never their values), and how its last test went. */
export const ConnectionRow = memo(function ConnectionRow({ connection: c, testing, onTest, onEdit, onRemove }: Props) {
  return (
    <tr data-testid={`connection-row-${c.id}`}>
      <th scope="row">
        <span className="connection-name">{c.name}</span>
        <span className="mono muted connection-id">{c.id}</span>
      </th>
      <td>{KIND_LABEL[c.config.kind]}</td>
      <td className="mono connection-address" title={addressOf(c)}>
        {addressOf(c)}
      </td>
      <td>
        {c.secrets.length === 0 ? (
          <span className="muted">No authentication</span>
        ) : (
          <ul className="secret-list">
            {c.secrets.map((s) => (
              <li key={s.field}>
                {secretLabel(s.field)}: <span className={s.set ? 'secret-set' : 'secret-unset'}>{secretStateText(s)}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="connection-last-test">{testing ? <span className="muted">Testing…</span> : <TestResult test={c.lastTest} compact />}</td>
      <td className="connection-actions">
        <button type="button" className="button small" aria-label={`Test ${c.name}`} aria-busy={testing || undefined} aria-disabled={testing || undefined} onClick={() => onTest(c)}>
          Test
        </button>
        <button type="button" className="button small" aria-label={`Edit ${c.name}`} onClick={() => onEdit(c)}>
          Edit
        </button>
        <button type="button" className="button small danger" aria-label={`Remove ${c.name}`} onClick={() => onRemove(c)}>
          Remove
        </button>
      </td>
    </tr>
  );
});
