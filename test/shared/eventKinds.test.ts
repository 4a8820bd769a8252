import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_KIND_WORDS, eventKindLabel } from '../../shared/index.ts';

/** Every kind the core appends to the log, read from its source: `appendEvent(db, { kind: … })`. */
function kindsWritten(): Set<string> {
  const kinds = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        for (const call of fs.readFileSync(file, 'utf8').matchAll(/appendEvent\([\w.]+,\s*\{\s*kind:\s*([^,]+),/g)) {
          for (const literal of call[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) kinds.add(literal[1]!);
        }
      }
    }
  };
  walk(path.resolve(import.meta.dirname, '../../electron/core'));
  return kinds;
}

describe('event kinds in product words', () => {
  it('has words for every kind the core writes', () => {
    const written = kindsWritten();
    expect(written.size).toBeGreaterThanOrEqual(13);
    expect([...written].filter((k) => !Object.hasOwn(EVENT_KIND_WORDS, k))).toEqual([]);
  });

  it('says what a decision did, and spells out a kind it does not know', () => {
    expect(eventKindLabel('decision.recorded', { action: 'rollback' })).toBe('Decision: roll back');
    expect(eventKindLabel('flag.state_changed')).toBe('Flag state changed');
    expect(eventKindLabel('connection.key_rotated')).toBe('Connection key rotated');
  });
});
