import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { check } from '../../check.js';
import { loadPolicy } from '../../policy/load.js';
import { fakeHost } from '../../testing/fake-host.js';

// Real Firefox files (firefox-esr 153.8, fixtures/samples/browsers/README.md): notifications allowed
// for https://web.whatsapp.com, blocked for https://discord.com.
const samples = new URL('../../../fixtures/samples/browsers/firefox/', import.meta.url);
const profile = '/home/ana/.config/mozilla/firefox/vto0jbur.charter-fixture';

describe('MSG-01 on a Firefox profile', () => {
  it('fails on a notification grant to a catalog messenger origin, with evidence naming browser, profile and origin', async () => {
    const policy = await loadPolicy('policies/lu-state-charter.yaml');
    // The web origins of §7 (app-metadata.md), added here because this branch's catalog has none yet.
    const origins: Record<string, string[]> = { whatsapp: ['https://web.whatsapp.com'], discord: ['https://discord.com'] };
    const catalog = { apps: policy.catalog.apps.map((app) => (origins[app.id] === undefined ? app : { ...app, web: { origins: origins[app.id] } })) };
    const host = fakeHost({
      files: {
        '/etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
        '/etc/passwd': 'ana:x:1000:1000:Ana:/home/ana:/bin/bash\n',
        '/home/ana/.config/mozilla/firefox/profiles.ini': readFileSync(new URL('profiles.ini', samples)),
        [`${profile}/prefs.js`]: '',
        [`${profile}/permissions.sqlite`]: gunzipSync(readFileSync(new URL('permissions.sqlite.gz', samples))),
      },
    });
    const { report } = await check({
      policy: { ...policy, catalog },
      host,
      language: 'en',
      now: () => new Date('2026-12-07T08:00:00Z'),
      tool: { name: 'charter', version: '0' },
    });
    const msg01 = report.findings.find((f) => f.ruleId === 'MSG-01');
    expect(msg01?.status).toBe('fail');
    const evidence = JSON.stringify(msg01?.evidence);
    expect(evidence).toContain('whatsapp');
    expect(evidence).toContain('Firefox profile vto0jbur.charter-fixture (user ana): notifications allowed for https://web.whatsapp.com');
    expect(evidence).not.toContain('discord'); // blocked: not use
  });
});
