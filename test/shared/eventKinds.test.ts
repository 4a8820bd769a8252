import { describe, expect, it } from 'vitest';
import { EVENT_KIND_WORDS, EVENT_KINDS, eventKindLabel, readEventBody } from '../../shared/index.ts';

const rollback = {
  v: 2,
  decisionId: 'd1',
  action: 'rollback',
  reason: 'errors up',
  from: 'rolling',
  to: 'rolled_back',
  stageIndex: 1,
  verdict: 'fail',
  exposurePct: null,
  exposureFrom: null,
  override: null,
  preflight: null,
};

describe('event kinds in product words', () => {
  it('has words for every kind there is', () => {
    expect(EVENT_KINDS.filter((k) => !EVENT_KIND_WORDS[k]?.trim())).toEqual([]);
  });

  it('says what a decision did, read from its typed payload', () => {
    const body = readEventBody('decision.recorded', JSON.stringify(rollback));
    expect(body.known).toBe(true);
    expect(eventKindLabel(body)).toBe('Decision: roll back');
  });

  it('spells out a kind it does not know, and names a known kind whose payload it cannot read', () => {
    expect(eventKindLabel(readEventBody('connection.key_rotated', '{"v":1}'))).toBe('Connection key rotated');
    expect(eventKindLabel(readEventBody('decision.recorded', JSON.stringify({ ...rollback, v: 3 })))).toBe('Decision recorded');
    expect(eventKindLabel(readEventBody('flag.state_changed', '{}'))).toBe('Flag state changed');
  });
});
