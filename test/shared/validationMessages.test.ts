import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, FlagKey, issuesFrom } from '../../shared/index.ts';

const messages = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : issuesFrom(parsed.error).map((i) => `${i.path}: ${i.message}`);
};

describe('validation messages in the product’s words', () => {
  it('says what to do, never the library’s jargon', () => {
    const schema = z.object({ a: z.number().int().min(1), b: z.string().min(2).max(3), c: z.enum(['on', 'off']), d: z.array(z.string()).max(1), f: z.number().gt(0), g: z.string(), h: z.string().min(1) }).strict();
    expect(messages(schema, { a: 1.5, b: 'a', c: 'up', d: ['1', '2'], f: 0, h: '', x: 1 })).toEqual([
      'a: give a whole number',
      'b: use at least 2 characters',
      'c: choose one of: on, off',
      'd: at most 1 item',
      'f: must be more than 0',
      'g: required',
      'h: cannot be empty',
      '(input): unknown field: x',
    ]);
    expect(messages(z.object({ a: z.number().max(50_000), b: z.string().max(4) }), { a: 60_000, b: 'abcdef' })).toEqual(['a: must be at most 50,000', 'b: use at most 4 characters']);
  });

  it('keeps the words a schema gives itself', () => {
    expect(messages(FlagKey, 'Bad Key')).toEqual(['(input): lower-case letters, digits and . _ - only']);
    expect(messages(FlagKey, 'a')).toEqual(['(input): use at least 2 characters']);
    expect(messages(contract.decide.input, { releaseId: 'r', action: 'pause', reason: 'no' })).toEqual(['reason: say why, in at least 3 characters']);
  });
});
