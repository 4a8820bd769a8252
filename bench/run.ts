// `npm run bench`: prints each figure; nothing here asserts, the numbers are for reading and comparing.
import { benchWebColdStart } from './webColdStart.ts';

await benchWebColdStart();
