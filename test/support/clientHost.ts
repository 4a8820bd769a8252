// `npm run serve` with a Prometheus client wired in (the echoing test client): the web host's own main,
// so its start-up, printing and logging are the real ones. Used by the marker test and screenshots.
import { main } from '../../electron/web/main.ts';
import { echoingPrometheusClient } from './echoingPrometheusClient.ts';

await main(process.argv.slice(2), { sourceClient: echoingPrometheusClient });
