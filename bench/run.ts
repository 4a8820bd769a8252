// `npm run bench`: prints each figure; nothing here asserts, the numbers are for reading and comparing.
import { benchBacktest } from './backtest.ts';
import { benchGuard } from './guard.ts';
import { benchGuardAccuracy } from './guardAccuracy.ts';
import { benchGuardLook } from './guardLook.ts';
import { benchJudge } from './judge.ts';
import { benchMetricsStore } from './metricsStore.ts';
import { benchPoll } from './poll.ts';
import { benchRendererLongTasks } from './rendererLongTasks.ts';
import { benchWebColdStart } from './webColdStart.ts';

await benchWebColdStart();
await benchGuard();
await benchGuardLook();
await benchBacktest();
await benchGuardAccuracy();
await benchJudge();
await benchMetricsStore();
await benchPoll();
await benchRendererLongTasks();
