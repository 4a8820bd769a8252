// The guard's state as its table stores it (version 3, shared/evidence/state.ts): the structure as
// JSON, the grids as one base64 string of float64 values. Formatting thousands of doubles as decimal
// text was the largest cost of a look's write; their bytes are exact and written at once.
import { GuardStageStateTextV3, readGuardStageState, type EProcessState, type GuardStageState, type TestState } from '../../../shared/index.ts';

const F64 = 8;

/** A state's gates with each grid as G: the numbers themselves, or their count in the text. */
type GatesWith<G> = Record<
  string,
  Record<string, Omit<TestState, 'eprocess'> & { eprocess: Omit<EProcessState, 'fail' | 'pass'> & { fail: (Omit<EProcessState['fail'][number], 'logLR'> & { logLR: G | null })[]; pass: G } }>
>;

/** Every grid through `f`, in the one order both directions rely on: gates, units, components, then the pass side. */
function mapGrids<A, B>(gates: GatesWith<A>, f: (grid: A) => B): GatesWith<B> {
  const out: GatesWith<B> = {};
  for (const [gateId, tests] of Object.entries(gates)) {
    const mapped: GatesWith<B>[string] = {};
    for (const [unit, test] of Object.entries(tests)) {
      const ep = test.eprocess;
      const fail = ep.fail.map((c) => ({ ...c, logLR: c.logLR === null ? null : f(c.logLR) }));
      mapped[unit] = { ...test, eprocess: { ...ep, fail, pass: f(ep.pass) } };
    }
    out[gateId] = mapped;
  }
  return out;
}

/** The text of a state, version 3. */
export function guardStateText(state: GuardStageState): string {
  const grids: (readonly number[])[] = [];
  let values = 0;
  const take = (grid: readonly number[]): number => {
    grids.push(grid);
    values += grid.length;
    return grid.length;
  };
  const gates = mapGrids(state.gates, take);
  const bytes = Buffer.allocUnsafe(values * F64);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (const grid of grids) for (let k = 0; k < grid.length; k += 1, at += F64) view.setFloat64(at, grid[k]!, true);
  const text: GuardStageStateTextV3 = { ...state, version: 3, gates, grids: bytes.toString('base64') };
  return JSON.stringify(text);
}

/** A state from its stored text, of any version. */
export function readGuardStateText(text: string): GuardStageState {
  const json: unknown = JSON.parse(text);
  if (!(json !== null && typeof json === 'object' && 'version' in json && json.version === 3)) return readGuardStageState(json);
  const stored = GuardStageStateTextV3.parse(json);
  const bytes = Buffer.from(stored.grids, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const take = (length: number): number[] => {
    if (at + length * F64 > bytes.length) throw new Error('guard state: its grids end before the lengths it lists');
    const grid: number[] = new Array<number>(length);
    for (let k = 0; k < length; k += 1, at += F64) {
      const v = view.getFloat64(at, true);
      // As version 2's numbers: a grid holds finite log-likelihood ratios only.
      if (!Number.isFinite(v)) throw new Error('guard state: a grid holds a value that is not a finite number');
      grid[k] = v;
    }
    return grid;
  };
  const gates = mapGrids(stored.gates, take);
  if (at !== bytes.length) throw new Error('guard state: its grids hold more values than the lengths it lists');
  const { releaseId, stageIndex, stageStartedAt, looks, lastLookAt, foldedUntil } = stored;
  return { version: 2, releaseId, stageIndex, stageStartedAt, looks, lastLookAt, foldedUntil, gates };
}
