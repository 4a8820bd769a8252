import { describe, expect, it } from 'vitest';
import { contract, methodNames, PushEvent } from '../../shared/index.ts';
import { OPERATOR, call, testHost } from '../support/webHost.ts';

describe('the contract listing and the push channel', async () => {
  const host = await testHost();
  const auth = { authorization: `Bearer ${OPERATOR}` };

  it('lists every method with its role and JSON Schemas', async () => {
    const res = await fetch(`${host.url}/api/contract`, { headers: auth });
    const listing = (await res.json()) as { methods: { name: string; role: string; input: { type: string }; output: object }[] };
    expect(listing.methods.map((m) => m.name).sort()).toEqual([...methodNames].sort());
    for (const m of listing.methods) {
      expect(m.role).toBe(contract[m.name as keyof typeof contract].role);
      expect(m.input.type).toBe('object');
      expect(m.output).toHaveProperty('$schema');
    }
  });

  it('pushes a decision and a release change to an SSE subscriber', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.url}/api/events`, { headers: auth, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const received: PushEvent[] = [];
    const done = (async () => {
      let buffer = '';
      while (received.length < 2) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        buffer += value;
        const messages = buffer.split('\n\n');
        buffer = messages.pop()!;
        for (const message of messages) {
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (data) received.push(PushEvent.parse(JSON.parse(data.slice(6))));
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const decided = await call(host, 'decide', { releaseId: 'demo-checkout-api-2026-11', action: 'pause', reason: 'push test' });
    expect(decided.status).toBe(200);
    await done;
    controller.abort();
    expect(received.map((e) => e.type)).toEqual(['decision.recorded', 'release.changed']);
    expect(received[0]).toMatchObject({ decision: { action: 'pause', reason: 'push test', actor: 'operator' } });
  });
});
