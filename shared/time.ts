/** A day in milliseconds: calendar steps (train cadences, flag staleness, demo dates) count in whole UTC days. */
export const DAY_MS = 24 * 60 * 60 * 1000;
