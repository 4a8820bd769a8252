import { z } from 'zod';
import { Id } from './id.ts';

/** The outside accounts Stagegate reads metrics through; targets (Play, clusters, flags) join this list later. */
export const ConnectionKind = z.enum(['prometheus', 'datadog', 'sentry']);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

const HttpUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'an http:// or https:// address, without query or fragment');

/** Datadog's sites (APIS.md §4): the API lives at https://api.{site}. */
export const DatadogSite = z.enum(['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'datadoghq.eu', 'ap1.datadoghq.com', 'ddog-gov.com']);

const Slug = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits and _ . - only');

export const PrometheusConfig = z
  .object({
    kind: z.literal('prometheus'),
    baseUrl: HttpUrl,
    auth: z.enum(['none', 'bearer', 'basic']).default('none'),
    /** For basic auth; the password is a secret. */
    username: z.string().max(256).optional(),
    /** A PEM bundle to trust besides the system's (a private CA); public, so not a secret. */
    caCert: z.string().max(65_536).optional(),
  })
  .strict();

export const DatadogConfig = z.object({ kind: z.literal('datadog'), site: DatadogSite.default('datadoghq.com') }).strict();

export const SentryConfig = z
  .object({
    kind: z.literal('sentry'),
    /** https://sentry.io, or a self-hosted Sentry's address. */
    baseUrl: HttpUrl.default('https://sentry.io'),
    organization: Slug,
    /** Project ids to read; empty = every project the token sees (-1). */
    projects: z.array(z.string().regex(/^-?\d+$/, 'a numeric project id')).max(50).default([]),
    environment: z.string().max(64).optional(),
  })
  .strict();

export const ConnectionConfig = z.discriminatedUnion('kind', [PrometheusConfig, DatadogConfig, SentryConfig]);
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;
export type ConnectionConfigInput = z.input<typeof ConnectionConfig>;

/** Every secret a connection can hold; which ones a kind needs is `secretFieldsOf`. */
export const SecretField = z.enum(['token', 'password', 'apiKey', 'appKey', 'authToken']);
export type SecretField = z.infer<typeof SecretField>;

export function secretFieldsOf(config: ConnectionConfig): SecretField[] {
  switch (config.kind) {
    case 'prometheus':
      return config.auth === 'bearer' ? ['token'] : config.auth === 'basic' ? ['password'] : [];
    case 'datadog':
      return ['apiKey', 'appKey'];
    case 'sentry':
      return ['authToken'];
  }
}

/** A secret as the contract shows it: whether it is set and, for long ones, its last four characters. Never the value. */
export const SecretState = z.object({ field: SecretField, set: z.boolean(), last4: z.string().max(4).nullable() });
export type SecretState = z.infer<typeof SecretState>;

/** What "Test connection" can find wrong, each with a plain fix in its message. */
export const ConnectionProblem = z.enum([
  'unreachable',
  'tls',
  'timeout',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'bad_request',
  'server_error',
  'bad_response',
  'missing_secret',
]);
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

export const ConnectionTest = z.object({
  ok: z.boolean(),
  at: z.number().int(),
  problem: ConnectionProblem.nullable(),
  /** One sentence a person can act on; never holds a secret. */
  message: z.string().max(1000),
  /** What the service said about itself when it answered (Prometheus' version, say). */
  detail: z.string().max(500).nullable(),
  latencyMs: z.number().int().nullable(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const ConnectionView = z.object({
  id: Id,
  name: z.string(),
  config: ConnectionConfig,
  secrets: z.array(SecretState),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Bumped by every edit; a save names the version it edited so a concurrent edit is refused. */
  version: z.number().int(),
  lastTest: ConnectionTest.nullable(),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

/** A new secret (1–4096 characters), null to clear it; a field left out keeps what is stored. */
export const SecretInput = z.string().min(1, 'a secret cannot be empty: send null to clear it').max(4096).nullable();

export const SaveConnectionInput = z
  .object({
    /** Absent for a new connection. */
    id: Id.optional(),
    name: z.string().trim().min(1, 'name the connection').max(80),
    config: ConnectionConfig,
    secrets: z.partialRecord(SecretField, SecretInput).default({}),
    /** The version the edit started from; required when editing. */
    expectedVersion: z.number().int().optional(),
  })
  .strict();
export type SaveConnectionInput = z.input<typeof SaveConnectionInput>;

/** How a person names each secret, in messages and on the form. */
export const SECRET_FIELD_LABELS: Record<SecretField, string> = {
  token: 'bearer token',
  password: 'password',
  apiKey: 'API key',
  appKey: 'application key',
  authToken: 'auth token',
};

/**
 * What "Test connection" tries: a saved connection (`id` alone; the answer is kept as its last test),
 * a draft of one (`id` with the edited `config` and/or `secrets`: a secret left out is the stored one),
 * or a connection not saved yet (`config` and `secrets`).
 */
export const TestConnectionInput = z
  .object({
    id: Id.optional(),
    config: ConnectionConfig.optional(),
    secrets: z.partialRecord(SecretField, SecretInput).default({}),
  })
  .strict()
  .refine((i) => i.id !== undefined || i.config !== undefined, { path: ['config'], message: 'give the id of a saved connection, or a config to try' });
export type TestConnectionInput = z.input<typeof TestConnectionInput>;

export const RemoveConnectionInput = z.object({ id: Id, expectedVersion: z.number().int().min(1) }).strict();
