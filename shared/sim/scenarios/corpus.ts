import { buildScenario } from './build.ts';
import { corpusSlots, type Slot } from './mix.ts';
import { mixSeed, stream } from './rng.ts';
import { drawSpec } from './spec.ts';
import type { Scenario, ScenarioSpec } from './types.ts';

export interface CorpusOptions {
  seed: number;
  count: number;
}

function scenarioId(index: number, slot: Slot): string {
  const what = slot.kind === 'healthy' ? [] : [slot.metric, slot.scope];
  return [String(index).padStart(3, '0'), slot.planKind, slot.kind, ...what].join('-');
}

/**
 * Every scenario's knobs, without building the rows: cheap, so a bench can build one scenario at a
 * time instead of holding a whole corpus of rows in memory.
 */
export function corpusSpecs({ seed, count }: CorpusOptions): ScenarioSpec[] {
  return corpusSlots(stream(seed, 'mix'), count).map((slot, index) => drawSpec(mixSeed(seed, index), scenarioId(index, slot), slot.planKind, slot));
}

export function generateCorpus(options: CorpusOptions): Scenario[] {
  return corpusSpecs(options).map(buildScenario);
}
