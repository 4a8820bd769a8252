import { createContext } from 'react';
import type { ChartPoint } from './limits.ts';

/** The points a plot draws, handed past the Recharts frame straight to the layers that draw them. */
export const PlotPoints = createContext<readonly ChartPoint[]>([]);
