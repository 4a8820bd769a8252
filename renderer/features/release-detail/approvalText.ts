import type { GateStatus } from '../../../shared/domain/views.ts';
import { actorLabel, OVERRIDE_REASON_LABEL } from '../../lib/labels.ts';

export interface ApprovalFacts {
  overrides: GateStatus['overrides'];
  /** Who took the decision that created an override; null when it is no longer in the loaded decisions. */
  actorOf: (decisionId: string) => string | null;
  clock: (t: number) => string;
}

/**
 * Why the guard found the stage ready, honestly: gates that pass only because a person overrode them
 * are named with who overrode them and until when, never folded into "its gates pass".
 */
export function approvalGatesText({ overrides, actorOf, clock }: ApprovalFacts): string {
  if (overrides.length === 0) return 'its gates pass and its soak and samples are met';
  const each = overrides.map((o) => {
    const actor = actorOf(o.decisionId);
    return `${o.gateId} overridden${actor ? ` by ${actorLabel(actor)}` : ''} (${OVERRIDE_REASON_LABEL[o.reasonCode]}) until ${clock(o.expiresAt)}`;
  });
  return `its soak and samples are met and its gates are overridden: ${each.join('; ')}`;
}
