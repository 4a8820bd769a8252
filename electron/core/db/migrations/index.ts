import { migration as m001 } from './001-releases.ts';
import { migration as m002 } from './002-tokens.ts';
import { migration as m003 } from './003-gates-trains-flags.ts';
import { migration as m004 } from './004-metrics-store.ts';
import { migration as m005 } from './005-missing-sample-values.ts';
import { migration as m006 } from './006-guard-state.ts';
import { migration as m007 } from './007-flag-edit-versions.ts';
import { migration as m008 } from './008-train-edit-versions.ts';
import { migration as m009 } from './009-host-lease.ts';
import { migration as m010 } from './010-connections.ts';
import { migration as m011 } from './011-metric-sources.ts';
import { migration as m012 } from './012-chosen-exposure.ts';
import { migration as m013 } from './013-guard-state-text-v3.ts';
import { migration as m014 } from './014-push-reports.ts';
import { migration as m015 } from './015-judge-option-floors.ts';
import { migration as m016 } from './016-backfilled-samples.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

/** Numbered and append-only: a shipped migration is never edited, a new one is added as the next file, named by its version. */
export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016];
