import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../shared/gates/types.ts';
import { failingGates } from '../../shared/rollout/guardRules.ts';

const result = (gateId: string, outcome: GateResult['outcome']): GateResult => ({ gateId, outcome } as GateResult);

describe('failingGates', () => {
  it('keeps the failing gates no person overrode, in their order', () => {
    const results = [result('a', 'fail'), result('b', 'pass'), result('c', 'fail'), result('d', 'fail'), result('e', 'inconclusive')];
    expect(failingGates(results, new Set(['c'])).map((r) => r.gateId)).toEqual(['a', 'd']);
  });

  it('is empty when every failure is overridden', () => {
    expect(failingGates([result('a', 'fail')], new Set(['a']))).toEqual([]);
  });
});
