import { describe, expect, it } from 'vitest';
import { buildCommands, filterCommands, movedIndex, pageForKey } from '../../renderer/features/palette/commands.ts';
import { ReleaseDetail } from '../../shared/domain/release.ts';
import { detail as detailOf, flag as flagOf, summary } from './fixtures.ts';

const release = (id: string, name: string) => summary(id, { name, app: 'shop', version: '4.2.0', target: 'play', stageLabel: '5%', stageCount: 5, exposurePct: 5 });
const detail = ReleaseDetail.parse({ ...detailOf('android'), release: release('android', 'Shopper for Android 4.2.0'), allowedActions: ['complete', 'halt', 'promote'] });
const flag = flagOf('ops.kill-recs', { description: 'Kill switch', owner: 'SRE', type: 'kill_switch' });

describe('the command palette’s commands', () => {
  it('offers an operator the actions allowed now on the release on screen, first and in the action bar’s order', () => {
    const commands = buildCommands({ operator: true, detail, releases: [detail.release], trains: [], flags: [flag] });
    expect(commands.filter((c) => c.group === 'Actions').map((c) => c.label)).toEqual(['Promote Shopper for Android 4.2.0', 'Halt Shopper for Android 4.2.0', 'Complete Shopper for Android 4.2.0']);
    expect(commands[0]!.run).toEqual({ kind: 'decide', releaseId: 'android', action: 'promote' });
    expect(commands.find((c) => c.id === 'flag-state:ops.kill-recs:production')?.run).toEqual({ kind: 'go', to: '/flags?flag=ops.kill-recs&set=production' });
  });

  it('offers a viewer only where to go', () => {
    const commands = buildCommands({ operator: false, detail, releases: [detail.release], trains: [], flags: [flag] });
    expect(commands.map((c) => c.group)).not.toContain('Actions');
    expect(commands.some((c) => c.label.startsWith('Set ') || c.label.startsWith('New '))).toBe(false);
    expect(commands.find((c) => c.label === 'Settings')).toMatchObject({ shortcut: 'G S', run: { kind: 'go', to: '/settings' } });
  });

  it('finds by every word typed, labels that start with it first', () => {
    const commands = buildCommands({ operator: true, detail, releases: [detail.release, release('web', 'Web halter 2.0')], trains: [], flags: [flag] });
    expect(filterCommands(commands, 'halt').map((c) => c.label)).toEqual(['Halt Shopper for Android 4.2.0', 'Web halter 2.0']);
    expect(filterCommands(commands, 'kill production').map((c) => c.label)).toEqual(['ops.kill-recs', 'Set ops.kill-recs in production…']);
    expect(filterCommands(commands, 'zzz')).toEqual([]);
  });

  it('moves through the list with wrapping arrows and leaves other keys to the text', () => {
    expect([movedIndex(4, 5, 'ArrowDown'), movedIndex(0, 5, 'ArrowUp'), movedIndex(1, 20, 'PageDown'), movedIndex(2, 5, 'Home'), movedIndex(0, 0, 'ArrowDown')]).toEqual([0, 4, 9, null, null]);
    expect([pageForKey('t'), pageForKey('S'), pageForKey('x')]).toEqual(['/trains', '/settings', undefined]);
  });
});
