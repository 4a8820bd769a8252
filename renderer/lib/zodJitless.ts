import { z } from 'zod';

// Zod probes `new Function` to compile fast parsers; under script-src 'self' the probe throws and
// is caught, but the browser still reports a CSP violation. Parse the interpreted way instead.
z.config({ jitless: true });
