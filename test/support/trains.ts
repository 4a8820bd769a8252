import { DEFAULT_PHASES, defaultPlan, type TrainInput } from '../../shared/index.ts';

/** The weekly web train the train tests edit, kicked off at `firstKickoff`. */
export const webWeeklyTrain = (firstKickoff: number): TrainInput => ({
  id: 'web-weekly',
  name: 'Web weekly',
  app: 'web',
  target: 'service',
  cadenceDays: 7,
  firstKickoff,
  phases: DEFAULT_PHASES,
  rotation: ['ana', 'bo'],
  plan: defaultPlan('service'),
});
