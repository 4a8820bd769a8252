import { expect } from 'vitest';
import { SourceError } from '../../electron/core/sources/types.ts';

/** The SourceError a call rejects with; a call that resolves, or rejects with anything else, fails the test. */
export async function rejection(p: Promise<unknown>): Promise<SourceError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}
