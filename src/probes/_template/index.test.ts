import { describe, expect, it } from 'vitest';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { Platform } from '../../model.js';
import { template } from './index.js';

const collect = (spec: FakeHostSpec, platform: Platform = 'linux') =>
  template.collect(fakeHost(spec), { platform, now: new Date(0), catalog: { apps: [] }, capabilities: { read: true, exec: false, live: false } });

describe('the template probe', () => {
  it('gives its facts from the files it declares', async () => {
    expect(await collect({ files: { '/etc/timezone': 'Europe/Luxembourg\n', '/etc/localtime': '' } })).toEqual({
      status: 'ok',
      facts: { timezone: 'Europe/Luxembourg', localtime: true, reasons: [] },
    });
  });

  it('gives null and a reason, never a guess, when the file is missing', async () => {
    expect(await collect({})).toEqual({ status: 'ok', facts: { timezone: null, localtime: false, reasons: ['/etc/timezone is absent or cannot be read'] } });
  });

  it('is unsupported on a platform it has no collector for', async () => {
    expect(template.platforms).toEqual(['linux']);
    expect(await collect({}, 'windows')).toEqual({ status: 'unsupported', reason: 'not implemented on windows' });
  });
});
