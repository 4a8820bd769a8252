// Host answers for renderer tests, each built through its schema's parse: a fixture the host could not send fails where it is made.
import type { z } from 'zod';
import { contract } from '../../shared/contract.ts';
import { ChainReport, LoggedEvent } from '../../shared/domain/events.ts';
import { ConnectionView } from '../../shared/domain/connections.ts';
import { Fault } from '../../shared/domain/faults.ts';
import { Flag } from '../../shared/domain/flags.ts';
import { MetricSeries, type SeriesPoint } from '../../shared/domain/metrics.ts';
import { PlanReadiness } from '../../shared/domain/readiness.ts';
import { Decision, ReleaseDetail, ReleaseListItem, ReleaseSummary, type ReleaseStatus } from '../../shared/domain/release.ts';
import { GateStatus, PlanView, TrainView } from '../../shared/domain/views.ts';
import { defaultPlan } from '../../shared/plans/defaults.ts';
import { webWeeklyTrain } from '../support/trains.ts';

type Patch<S extends z.ZodType> = Partial<z.input<S>>;

const source = { kind: 'simulator', connectionId: null, connectionName: null, staleAfterMs: null, metrics: [], stale: false, lastSampleAt: null } as const;

export const summary = (id: string, patch: Patch<typeof ReleaseSummary> = {}): ReleaseSummary =>
  ReleaseSummary.parse({
    id,
    name: `${id} 1.0`,
    app: id,
    version: '1.0',
    target: 'service',
    status: 'rolling',
    stageIndex: 1,
    pausedMsTotal: 0,
    pausedAt: null,
    createdAt: 0,
    updatedAt: 0,
    trainId: null,
    trainRun: null,
    planName: 'service canary',
    approvalRequestedAt: null,
    source: 'simulator',
    connectionId: null,
    baselineVersion: null,
    chosenExposurePct: null,
    exposurePct: 10,
    stageCount: 3,
    stageLabel: '10%',
    ...patch,
  });

export const listItem = (id: string, patch: Patch<typeof ReleaseSummary> = {}): ReleaseListItem => ReleaseListItem.parse({ ...summary(id, patch), sourceStatus: source });

/** The evidence of a decision taken with no stage judged yet: every part empty, as the core writes it. */
const emptyEvidence = { version: 2, stage: null, nextStageIndex: 1, exposure: null, gates: null, guardState: null, overridesCreated: [], override: null, preflight: null, series: {}, source: null, segmentSeries: [] };

export const decision = (id: string, releaseId: string, createdAt: number, patch: Patch<typeof Decision> = {}): Decision =>
  Decision.parse({ id, releaseId, stageIndex: 1, action: 'pause', actor: 'ana', reason: 'why', fromStatus: 'rolling', toStatus: 'paused', evidence: emptyEvidence, verdict: 'pass', createdAt, ...patch });

export const detail = (id: string, status: ReleaseStatus = 'rolling', decisions: Decision[] = [], patch: Patch<typeof ReleaseSummary> = {}): ReleaseDetail =>
  ReleaseDetail.parse({ release: summary(id, { status, ...patch }), stages: [], decisions, allowedActions: ['pause'], pauseBudgetLeftMs: null, undo: 'Resume it.', source });

export const gateStatus = (releaseId: string, evaluatedAt: number): GateStatus =>
  GateStatus.parse({
    releaseId,
    stageIndex: 1,
    evaluatedAt,
    windowStart: 0,
    windowEnd: evaluatedAt,
    results: [],
    verdict: 'pass',
    effective: 'pass',
    overrides: [],
    canarySamples: 0,
    next: { kind: 'none', action: null, why: 'nothing to do' },
  });

export const planView = (releaseId: string, editableFrom = 0): PlanView => PlanView.parse({ releaseId, plan: defaultPlan('service'), yaml: 'name: service canary\n', editableFrom });

export const readiness = (releaseId: string): PlanReadiness =>
  PlanReadiness.parse({ releaseId, traffic: null, source: { kind: 'unknown', text: 'no samples of this release in the last hour', since: 0, until: 0 }, stages: [], overlaps: [], reading: { internalShare: null, quantileBias: 3 } });

export const fault = (id: string, releaseId: string, startsAt: number): Fault =>
  Fault.parse({ id, releaseId, metric: 'p95_latency_ms', segment: { region: 'eu-west', device: '', tenant: '' }, factor: 1.5, startsAt, endsAt: startsAt + 600_000, createdAt: startsAt });

const off = { mode: 'off', pct: 0 } as const;

export const flag = (key: string, patch: Patch<typeof Flag> = {}): Flag =>
  Flag.parse({
    key,
    description: 'd',
    owner: 'payments',
    type: 'release',
    createdAt: 0,
    updatedAt: 0,
    version: 1,
    expiry: { kind: 'none' },
    cleanup: '',
    states: { development: off, staging: off, production: off },
    linkedReleases: [],
    expiresAt: null,
    expired: false,
    stale: false,
    ...patch,
  });

const run = (n: number) => ({ run: n, label: `Run ${n + 1}`, kickoffAt: n * 7 * 86_400_000, endsAt: (n + 1) * 7 * 86_400_000, monitor: 'ana', phases: [], releaseIds: [] });

export const trainView = (version: number, name: string): TrainView => TrainView.parse({ train: { ...webWeeklyTrain(0), name }, current: run(0), next: run(1), createdAt: 0, version });

export const connection = (id: string, name: string, version = 1): ConnectionView =>
  ConnectionView.parse({ id, name, config: { kind: 'prometheus', baseUrl: 'http://prometheus.test:9090', auth: 'none' }, secrets: [], createdAt: 0, updatedAt: 0, version, lastTest: null });

export const points = (from: number, to: number, v = 1): SeriesPoint[] => Array.from({ length: to - from + 1 }, (_, i) => ({ t: (from + i) * 1000, canary: v, baseline: v }));

export const series = (metric: 'error_rate' | 'p95_latency_ms', pts: SeriesPoint[]): MetricSeries => MetricSeries.parse({ metric, label: metric, unit: metric === 'error_rate' ? '%' : 'ms', points: pts });

export const loggedEvent = (seq: number): LoggedEvent =>
  LoggedEvent.parse({ seq, at: seq, known: true, kind: 'simulator.faults_cleared', subject: 'r1', actor: 'a', payload: { v: 2, count: 1 }, hash: 'h' });

export const info = (role: 'operator' | 'viewer') =>
  contract.getInfo.output.parse({ version: '0.1.0', schemaVersion: 1, dataDir: null, actor: 'ana', role, eventLog: ChainReport.parse({ ok: true, checked: 0, brokenAt: null, problem: null }), lease: { owner: null, here: true, expiresAt: null } });
