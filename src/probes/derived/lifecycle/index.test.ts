import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../../../model.js';
import { lifecycle } from './index.js';

const context = { platform: 'linux' as const, now: new Date('2026-12-07T00:00:00Z'), catalog: { apps: [] }, live: true };
const derive = (os: ProbeOutcome | undefined, now = context.now): ProbeOutcome => lifecycle.derive({ os }, { ...context, now });

describe('lifecycle derived probe', () => {
  it('reads the os probe only and declares every fact it gives', () => {
    expect(lifecycle.inputs).toEqual(['os']);
    const outcome = derive({ status: 'ok', facts: { family: 'linux', distribution: 'debian', version: '12' } });
    expect(outcome.status).toBe('ok');
    if (outcome.status === 'ok') expect(Object.keys(outcome.facts).sort()).toEqual(Object.keys(lifecycle.facts).sort());
  });

  it('judges with the clock it is given', () => {
    const os: ProbeOutcome = { status: 'ok', facts: { family: 'linux', distribution: 'debian', version: '12' } };
    expect(derive(os)).toMatchObject({ status: 'ok', facts: { supported: true, kind: 'lts', endOfSupport: '2028-06-30' } });
    expect(derive(os, new Date('2028-07-01T00:00:00Z'))).toMatchObject({ status: 'ok', facts: { supported: false } });
  });

  it('passes on why the os probe gave nothing', () => {
    expect(derive(undefined)).toEqual({ status: 'error', code: 'not-collected', message: 'the os probe did not run' });
    expect(derive({ status: 'error', code: 'timeout', message: 'timed out' })).toEqual({
      status: 'error',
      code: 'timeout',
      message: 'the os probe failed: timed out',
    });
    expect(derive({ status: 'unsupported', reason: 'no PowerShell' })).toEqual({ status: 'unsupported', reason: 'no PowerShell' });
  });

  it('does not know whether a release is supported when the os probe could not see all of it', () => {
    const outcome = derive({
      status: 'partial',
      facts: { family: 'linux', distribution: 'debian', version: null },
      unknown: { version: { code: 'permission', detail: '/etc/os-release cannot be read' } },
    });
    expect(outcome).toMatchObject({ status: 'partial', facts: { supported: null }, unknown: { supported: { code: 'permission' } } });
  });
});
