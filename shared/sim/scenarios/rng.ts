// Seeds for scenarios and for the parts of one scenario. Each part (traffic, errors, latency, …)
// draws from its own stream, so turning one knob (say, adding gaps) leaves every other draw as it was.
import { seededRandom } from '../random.ts';
import type { Random } from './draw.ts';

/** A 32-bit avalanche of two numbers (murmur3's finalizer over a golden-ratio combination). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The named stream of a scenario's seed. */
export const stream = (seed: number, name: string): Random => seededRandom(mixSeed(seed, hashString(name)));
