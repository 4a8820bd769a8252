import { describe, expect, it } from 'vitest';
import type { CreatedToken, LoggedEvent, TokenInfo } from '../../shared/index.ts';
import { operator, operatorCore } from '../support/core.ts';
import { dataFile } from '../support/dataFile.ts';

const viewer = { actor: 'wall', role: 'viewer' as const };

describe('tokens as a core service', () => {
  it('records a creation and a revocation in the log, by the caller, with id, role and label only', async () => {
    const { core, call } = operatorCore();
    const created = await call<CreatedToken>('createToken', { role: 'viewer', label: '  war room  ' });
    expect(created.info).toMatchObject({ role: 'viewer', label: 'war room', revokedAt: null });
    expect(core.tokens.authenticate(created.token)).toEqual({ id: created.info.id, role: 'viewer', label: 'war room' });
    const revoked = await call<TokenInfo>('revokeToken', { id: created.info.id });
    expect(revoked.revokedAt).toEqual(expect.any(Number));
    expect(core.tokens.authenticate(created.token)).toBeNull();

    const events = (await call<LoggedEvent[]>('listEvents', { query: 'token.' })).reverse();
    expect(events.map((e) => [e.kind, e.subject, e.actor, e.payload])).toEqual([
      ['token.created', created.info.id, operator.actor, { v: 1, tokenId: created.info.id, role: 'viewer', label: 'war room' }],
      ['token.revoked', created.info.id, operator.actor, { v: 1, tokenId: created.info.id, role: 'viewer', label: 'war room' }],
    ]);
    const hash = (dataFile(core.dataDir).prepare('SELECT hash FROM tokens WHERE id = ?').get(created.info.id) as { hash: string }).hash;
    const logged = JSON.stringify(dataFile(core.dataDir).prepare('SELECT * FROM events').all());
    expect(logged).toContain(created.info.id);
    expect(logged).not.toContain(created.token);
    expect(logged).not.toContain(hash);
    expect(await call('verifyEventLog', {})).toEqual({ ok: true, checked: 2, brokenAt: null, problem: null });
    core.close();
  });

  it('writes the row and its event in one transaction: an event that cannot be written leaves no token', async () => {
    const { core, attempt, call } = operatorCore({ log: () => {} });
    dataFile(core.dataDir, { write: true }).exec(
      "CREATE TRIGGER no_token_events BEFORE INSERT ON events WHEN NEW.kind LIKE 'token.%' BEGIN SELECT RAISE(ABORT, 'no token events'); END;",
    );
    expect(await attempt('createToken', { role: 'operator', label: 'half-made' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await call('listTokens', {})).toEqual([]);
    core.close();
  });

  it('refuses a second revocation and an unknown id as not_found, writing nothing', async () => {
    const { core, call, attempt } = operatorCore();
    const { info } = await call<CreatedToken>('createToken', { role: 'operator', label: 'ci' });
    await call('revokeToken', { id: info.id });
    expect(await attempt('revokeToken', { id: info.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await attempt('revokeToken', { id: 'no-such-token' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call<LoggedEvent[]>('listEvents', {})).map((e) => e.kind)).toEqual(['token.revoked', 'token.created']);
    core.close();
  });

  it('is for operators only, and bounds the label', async () => {
    const { core, attempt } = operatorCore();
    for (const method of ['listTokens', 'createToken', 'revokeToken']) {
      expect(await core.invoke(method, { role: 'viewer', label: 'x', id: 'x' }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const label of ['', '   ', 'x'.repeat(81), 'bell\u0007']) {
      expect(await attempt('createToken', { role: 'viewer', label })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'label' }] } });
    }
    core.close();
  });
});
