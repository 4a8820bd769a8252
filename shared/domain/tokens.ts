import { z } from 'zod';
import { Id } from './id.ts';
import { Role } from './role.ts';

/** What a token is for ("war room", "ci"): shown by `token list`, in the log, and in the actor of its calls. */
export const TokenLabel = z
  .string()
  .trim()
  .min(1, 'say what the token is for')
  .max(80, 'keep the label under 80 characters')
  .regex(/^[^\p{Cc}]*$/u, 'no control characters');

/** A stored token as a caller sees it: never its value, never its hash. */
export const TokenInfo = z
  .object({
    id: Id,
    role: Role,
    label: z.string(),
    createdAt: z.number().int(),
    revokedAt: z.number().int().nullable(),
  })
  .strict();
export type TokenInfo = z.infer<typeof TokenInfo>;

export const CreateTokenInput = z.object({ role: Role, label: TokenLabel }).strict();

/** The only answer that carries a token's value: it is shown once, and only its hash is kept. */
export const CreatedToken = z.object({ info: TokenInfo, token: z.string() }).strict();
export type CreatedToken = z.infer<typeof CreatedToken>;

export const RevokeTokenInput = z.object({ id: Id }).strict();
