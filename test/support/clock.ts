/** A clock tests move by hand, so soak times and windows pass without waiting. */
export class FakeClock {
  t: number;
  constructor(start = Date.UTC(2026, 10, 20, 12, 0, 0)) {
    this.t = start;
  }
  now = (): number => this.t;
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
}
