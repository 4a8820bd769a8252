import type { ReactNode } from 'react';
import type { SecretField } from '../../../shared/domain/connections.ts';
import type { ConnectionFormState, FieldProblems } from './connectionFormState.ts';

/** What each kind's fields get from the form: its state, a way to change it, the problems, and the secret inputs. */
export interface KindFieldsProps {
  form: ConnectionFormState;
  problems: FieldProblems;
  update: (patch: Partial<ConnectionFormState>) => void;
  secret: (field: SecretField) => ReactNode;
}
