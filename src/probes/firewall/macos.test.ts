import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { parseAllowSigned, parseBlockAll, parseGlobalState, parseStealthMode } from './macos-parse.js';

const sfw = '/usr/libexec/ApplicationFirewall/socketfilterfw';
const context = (host: Host) => ({ platform: 'macos' as const, now: new Date(), catalog: { apps: [] }, capabilities: host.capabilities });

describe('socketfilterfw parsers', () => {
  it('global state, numeric or in words', () => {
    expect(parseGlobalState('Firewall is enabled. (State = 1)\n')).toBe(1);
    expect(parseGlobalState('Firewall is disabled. (State = 0)\r\n')).toBe(0);
    expect(parseGlobalState('Firewall is enabled. (State = 2)')).toBe(2);
    expect(parseGlobalState('Firewall is blocking all non-essential incoming connections.')).toBe(2);
    expect(parseGlobalState('nonsense')).toBeNull();
  });
  it('stealth mode, block all, signed software in either wording', () => {
    expect(parseStealthMode('Stealth mode enabled\n')).toBe(true);
    expect(parseStealthMode('Firewall stealth mode is off\n')).toBe(false);
    expect(parseBlockAll('Firewall has block all state set to enabled.\n')).toBe(true);
    expect(parseAllowSigned('Automatically allow built-in signed software ENABLED.\nAutomatically allow downloaded signed software DISABLED.\n')).toEqual({
      builtIn: true,
      downloaded: false,
    });
  });
});

describe('collectMacos (firewall)', () => {
  it('live: socketfilterfw decides; on means default inbound deny', async () => {
    const host = fakeHost({
      platform: 'macos',
      commands: {
        [`${sfw} --getglobalstate`]: { stdout: 'Firewall is enabled. (State = 1)\n' },
        [`${sfw} --getblockall`]: { stdout: 'Firewall has block all state set to disabled.\n' },
        [`${sfw} --getstealthmode`]: { stdout: 'Stealth mode enabled\n' },
      },
    });
    expect(await collectMacos(host, context(host))).toMatchObject({
      status: 'ok',
      facts: {
        enabled: true,
        defaultInbound: 'deny',
        backend: 'application-firewall',
        source: 'ruleset',
        state: 1,
        blockAll: false,
        stealthMode: true,
        enforced: false,
      },
    });
  });

  it('at rest: com.apple.alf.plist globalstate 0 is off, inbound allowed', async () => {
    const host = fakeHost({
      platform: 'macos',
      capabilities: { live: false, exec: false },
      files: { '/Library/Preferences/com.apple.alf.plist': build({ globalstate: 0, stealthenabled: 0 }) },
    });
    expect(await collectMacos(host, context(host))).toMatchObject({
      status: 'ok',
      facts: { enabled: false, defaultInbound: 'allow', source: 'configuration', stealthMode: false },
    });
  });

  it('a configuration profile enforces it; nothing known without any source', async () => {
    const managed = fakeHost({
      platform: 'macos',
      capabilities: { live: false, exec: false },
      files: { '/Library/Managed Preferences/com.apple.security.firewall.plist': build({ EnableFirewall: true, BlockAllIncoming: true }) },
    });
    expect(await collectMacos(managed, context(managed))).toMatchObject({
      status: 'ok',
      facts: { enabled: true, state: 2, blockAll: true, defaultInbound: 'deny', enforced: true },
    });
    const empty = fakeHost({ platform: 'macos' });
    expect(await collectMacos(empty, context(empty))).toMatchObject({ status: 'ok', facts: { enabled: null, defaultInbound: null, backend: null } });
  });
});
