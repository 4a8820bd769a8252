import { describe, expect, it } from 'vitest';
import { approvalGatesText } from '../../renderer/features/release-detail/approvalText.ts';

const clock = (t: number) => new Date(t).toISOString().slice(11, 16);

describe('the approval banner’s words for the gates', () => {
  it('says the gates pass when nothing is overridden', () => {
    expect(approvalGatesText({ overrides: [], actorOf: () => null, clock })).toBe('its gates pass and its soak and samples are met');
  });

  it('says an overridden gate is overridden, by whom and until when, instead of that it passes', () => {
    const overrides = [{ gateId: 'latency', reasonCode: 'known_issue' as const, expiresAt: Date.UTC(2026, 11, 1, 14, 5), decisionId: 'd1' }];
    const text = approvalGatesText({ overrides, actorOf: (id) => (id === 'd1' ? 'alice' : null), clock });
    expect(text).toContain('latency overridden by alice (Known issue) until 14:05');
    expect(text).toContain('its gates are overridden');
    expect(text).not.toContain('its gates pass');
  });
});
