export type { Effect, Scenario, ScenarioSpec, Truth, TruthKind, TruthScope, SegmentDimension } from './types.ts';
export { buildScenario } from './build.ts';
export { corpusSpecs, generateCorpus, type CorpusOptions } from './corpus.ts';
export { scenarioToCsv, SAMPLE_COLUMNS, SCHEDULE_COLUMNS, type ScenarioFiles } from './csv.ts';
export { planFor, gateFor, gatedMetrics, STAGE_EXPOSURES, type PlanKind } from './plans.ts';
export { scoreScenario, scoreCorpus, stopsOf, wilson, median, LOW_EXPOSURE_PCT, type ScenarioScore, type CorpusScore, type Rate, type Stop } from './score.ts';
export { lowExposureInformation, lowExposureLook, intervalDispersion, type LowExposureInformation, type OneLook } from './information.ts';
