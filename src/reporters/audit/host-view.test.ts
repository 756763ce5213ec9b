import { describe, expect, it } from 'vitest';
import { hostView, worstHosts } from './host-view.js';
import { checkedHost, finding, hostReport, uncheckedHost } from '../../testing/fleet-reports.js';

describe('hostView', () => {
  it('counts statuses, finds the worst failing severity and weighs fails and errors', () => {
    const view = hostView(
      checkedHost(
        hostReport('h', [
          finding({ ruleId: 'A', status: 'fail', severity: 'high' }),
          finding({ ruleId: 'B', status: 'error', severity: 'low' }),
          finding({ ruleId: 'C', status: 'pass', severity: 'critical' }),
          finding({ ruleId: 'D', status: 'skip', severity: 'critical' }),
        ]),
      ),
      'medium',
    );
    expect(view.state).toBe('non-compliant');
    expect(view.counts).toEqual({ pass: 1, fail: 1, error: 1, skip: 1, waived: 0, manual: 0 });
    expect(view.worst).toBe('high');
    expect(view.score).toBe(16 + 1);
  });

  it('is compliant when every fail is below the threshold, and never when it was not checked', () => {
    const low = checkedHost(hostReport('h', [finding({ ruleId: 'A', status: 'fail', severity: 'low' })]));
    expect(hostView(low, 'medium').state).toBe('compliant');
    expect(hostView(low, 'low').state).toBe('non-compliant');
    expect(hostView(uncheckedHost('u', 'timeout', 'slow'), 'medium').state).toBe('timeout');
    // Marked checked but without a report: unknown is never compliant.
    expect(hostView({ source: 's', name: 'n', status: 'checked', durationMs: 0 }, 'medium').state).toBe('error');
  });

  it('orders worst hosts by score and leaves clean hosts out', () => {
    const views = [
      hostView(checkedHost(hostReport('clean', [finding({ ruleId: 'A', status: 'pass' })])), 'medium'),
      hostView(checkedHost(hostReport('medium', [finding({ ruleId: 'A', status: 'fail', severity: 'medium' })])), 'medium'),
      hostView(checkedHost(hostReport('critical', [finding({ ruleId: 'A', status: 'fail', severity: 'critical' })])), 'medium'),
    ];
    expect(worstHosts(views).map((v) => v.host.name)).toEqual(['critical', 'medium']);
  });
});
