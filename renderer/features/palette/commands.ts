import { ENVIRONMENTS, type Environment, type Flag } from '../../../shared/domain/flags.ts';
import type { Action, ReleaseDetail, ReleaseSummary } from '../../../shared/domain/release.ts';
import type { TrainView } from '../../../shared/domain/views.ts';
import { formatPct } from '../../lib/format.ts';
import { ACTION_LABEL, ACTION_ORDER, ENVIRONMENT_LABEL, STATUS_LABEL, TARGET_LABEL } from '../../lib/labels.ts';

/** What a command does when run: go somewhere, or open the decision dialog of an action allowed now. */
export type CommandRun = { kind: 'go'; to: string } | { kind: 'decide'; releaseId: string; action: Action };

export type CommandGroup = 'Actions' | 'Releases' | 'Trains' | 'Flags' | 'Pages';

export interface Command {
  id: string;
  group: CommandGroup;
  label: string;
  /** Secondary words: status, target, exposure; searched too. */
  detail: string;
  /** Other words it answers to (ids, keys, versions). */
  keywords: string;
  /** Keys that do the same from anywhere, shown beside it ("G R"). */
  shortcut?: string;
  run: CommandRun;
}

/** The console's pages and their two-key shortcuts (G, then a letter), in the sidebar's order. */
export const PAGES: readonly { to: string; label: string; key: string }[] = [
  { to: '/releases', label: 'Releases', key: 'r' },
  { to: '/trains', label: 'Trains', key: 't' },
  { to: '/flags', label: 'Flags', key: 'f' },
  { to: '/decisions', label: 'Decisions', key: 'd' },
  { to: '/events', label: 'Event log', key: 'e' },
  { to: '/war-room', label: 'War room', key: 'w' },
  { to: '/rehearsal', label: 'Rehearsal', key: 'h' },
  { to: '/settings', label: 'Settings', key: 's' },
];

/** The page a G-then-letter shortcut goes to; undefined for any other letter. */
export function pageForKey(key: string): string | undefined {
  return PAGES.find((p) => p.key === key.toLowerCase())?.to;
}

export interface CommandSources {
  operator: boolean;
  /** The release on screen, whose allowed actions are offered first. */
  detail: ReleaseDetail | null;
  releases: readonly ReleaseSummary[] | null;
  trains: readonly TrainView[] | null;
  flags: readonly Flag[] | null;
}

const enc = encodeURIComponent;

/**
 * Everything the palette offers now, in the order it lists them: the actions allowed on the release
 * on screen (operators only), then every release, train and flag to go to, the operator's "new …" and
 * flag-state commands, and the pages.
 */
export function buildCommands({ operator, detail, releases, trains, flags }: CommandSources): Command[] {
  const commands: Command[] = [];
  if (operator && detail) {
    const r = detail.release;
    for (const action of ACTION_ORDER.filter((a) => detail.allowedActions.includes(a))) {
      commands.push({
        id: `action:${r.id}:${action}`,
        group: 'Actions',
        label: `${ACTION_LABEL[action]} ${r.name}`,
        detail: r.stageLabel === formatPct(r.exposurePct) ? `${STATUS_LABEL[r.status]} at ${r.stageLabel}` : `${STATUS_LABEL[r.status]} at ${r.stageLabel || '—'} · ${formatPct(r.exposurePct)}`,
        keywords: `${action} decide ${r.id}`,
        run: { kind: 'decide', releaseId: r.id, action },
      });
    }
  }
  for (const r of releases ?? []) {
    commands.push({
      id: `release:${r.id}`,
      group: 'Releases',
      label: r.name,
      detail: `${TARGET_LABEL[r.target]} · ${STATUS_LABEL[r.status]} · ${formatPct(r.exposurePct)}`,
      keywords: `${r.id} ${r.app} ${r.version} release`,
      run: { kind: 'go', to: `/releases/${enc(r.id)}` },
    });
  }
  for (const t of trains ?? []) {
    commands.push({
      id: `train:${t.train.id}`,
      group: 'Trains',
      label: t.train.name,
      detail: `${TARGET_LABEL[t.train.target]} · every ${t.train.cadenceDays} days · on watch ${t.current.monitor}`,
      keywords: `${t.train.id} ${t.train.app} train`,
      run: { kind: 'go', to: `/trains/${enc(t.train.id)}` },
    });
  }
  for (const f of flags ?? []) {
    commands.push({
      id: `flag:${f.key}`,
      group: 'Flags',
      label: f.key,
      detail: `${f.description} · production ${stateWords(f, 'production')}`,
      keywords: `${f.owner} ${f.type} flag`,
      run: { kind: 'go', to: `/flags?${new URLSearchParams({ flag: f.key })}` },
    });
  }
  if (operator) {
    // A kill switch is the first thing reached for in an incident: setting a flag is one command away.
    for (const f of flags ?? []) {
      for (const env of [...ENVIRONMENTS].reverse()) {
        commands.push({
          id: `flag-state:${f.key}:${env}`,
          group: 'Flags',
          label: `Set ${f.key} in ${ENVIRONMENT_LABEL[env].toLowerCase()}…`,
          detail: `now ${stateWords(f, env)}${f.type === 'kill_switch' ? ' · kill switch' : ''}`,
          keywords: `${f.type} turn on off percentage ${env}`,
          run: { kind: 'go', to: `/flags?${new URLSearchParams({ flag: f.key, set: env })}` },
        });
      }
    }
    commands.push(
      { id: 'new:release', group: 'Pages', label: 'New release…', detail: 'on a target’s default plan', keywords: 'create release', run: { kind: 'go', to: '/releases?new=1' } },
      { id: 'new:train', group: 'Pages', label: 'New train…', detail: 'cadence, phases, rotation, plan', keywords: 'create train', run: { kind: 'go', to: '/trains?new=1' } },
      { id: 'new:flag', group: 'Pages', label: 'New flag…', detail: 'dark everywhere until turned on', keywords: 'create flag', run: { kind: 'go', to: '/flags?new=1' } },
    );
  }
  for (const p of PAGES) {
    commands.push({ id: `page:${p.to}`, group: 'Pages', label: p.label, detail: 'page', keywords: p.to.slice(1), shortcut: `G ${p.key.toUpperCase()}`, run: { kind: 'go', to: p.to } });
  }
  return commands;
}

function stateWords(flag: Flag, env: Environment): string {
  const s = flag.states[env];
  if (!s || s.mode === 'off') return 'off';
  return s.mode === 'on' ? 'on' : `${s.pct}%`;
}

/**
 * The commands matching what is typed: every word of the query appears in the label, the detail or
 * the keywords (any case). Labels that start with the query come first, then labels containing it,
 * then the rest, each in the order given. At most `limit`.
 */
export function filterCommands(commands: readonly Command[], query: string, limit = 50): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands.slice(0, limit);
  const q = words.join(' ');
  const ranked: { c: Command; rank: number; i: number }[] = [];
  commands.forEach((c, i) => {
    const label = c.label.toLowerCase();
    const text = `${label} ${c.detail.toLowerCase()} ${c.keywords.toLowerCase()}`;
    if (!words.every((w) => text.includes(w))) return;
    ranked.push({ c, i, rank: label.startsWith(q) ? 0 : label.includes(q) ? 1 : 2 });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .slice(0, limit)
    .map((r) => r.c);
}

/** The option after a key press in the list: arrows wrap, Page Up and Down jump eight; null for any other key (Home and End stay the text's). */
export function movedIndex(index: number, count: number, key: string): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'PageDown':
      return Math.min(count - 1, index + 8);
    case 'PageUp':
      return Math.max(0, index - 8);
    default:
      return null;
  }
}
