/** The middle run of several: steadier than the mean when the machine is busy now and then. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
