import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { parseEndpoint, parseLsofFields } from './macos-parse.js';

const root = new URL('../../..', import.meta.url).pathname;
/** Real lsof 4.95 field output recorded on Debian 12 (see fixtures/samples/listening-services/macos/README.md). */
const sample = (name: string): string => readFileSync(join(root, 'fixtures/samples/listening-services/macos', name), 'utf8');
const context = (host: Host) => ({ platform: 'macos' as const, now: new Date(), catalog: { apps: [] }, capabilities: host.capabilities });

describe('parseLsofFields', () => {
  it('reads recorded TCP and UDP field output', () => {
    expect(parseLsofFields(sample('tcp-fields.txt')).map((s) => [s.command, s.family, s.address, s.port])).toEqual([
      ['python3', 'ipv4', '0.0.0.0', 5432],
      ['python3', 'ipv4', '127.0.0.1', 631],
      ['python3', 'ipv6', '::', 6379],
      ['python3', 'ipv6', '::1', 8080],
    ]);
    const udp = parseLsofFields(sample('udp-fields.txt'));
    expect(udp.map((s) => [s.protocol, s.address, s.port, s.connected])).toEqual([
      ['udp', '0.0.0.0', 5353, false],
      ['udp', '::', 5353, false],
      ['udp', '127.0.0.1', 52316, true],
    ]);
    expect(parseLsofFields(sample('long-fields.txt'))[0]).toMatchObject({ command: 'postgres-long-n', uid: 0, login: 'root' });
  });
  it('parses endpoints with zones and CRLF output', () => {
    expect(parseEndpoint('[fe80::1%lo0]:123', 'ipv6')).toEqual({ address: 'fe80::1%lo0', port: 123 });
    expect(parseLsofFields('p1\r\ncx\r\nu0\r\ntIPv4\r\nPTCP\r\nn10.0.0.2:22\r\n')).toEqual([expect.objectContaining({ address: '10.0.0.2', port: 22 })]);
  });
});

describe('collectMacos (listening-services)', () => {
  it('classifies like Linux: a database on a wildcard address is exposed', async () => {
    const host = fakeHost({
      platform: 'macos',
      commands: {
        'lsof -nP -iTCP -sTCP:LISTEN -FpcuLPtn': { stdout: sample('tcp-fields.txt').replace(/cpython3/g, 'cpostgres') },
        'lsof -nP -iUDP -FpcuLPtn': { stdout: sample('udp-fields.txt') },
        'id -u': { stdout: '0\n' },
      },
    });
    const outcome = await collectMacos(host, context(host));
    if (outcome.status !== 'ok') throw new Error('not ok');
    expect(outcome.facts.processesResolved).toBe(true);
    const exposed = outcome.facts.exposed as { protocol: string; port: number; category: string; service: string | null }[];
    expect(exposed.map((s) => [s.protocol, s.port, s.service, s.category])).toEqual([
      ['tcp', 5432, 'postgresql', 'database'],
      ['tcp', 6379, 'postgresql', 'database'], // by process name first, as on Linux
      ['udp', 5353, expect.anything(), expect.any(String)],
      ['udp', 5353, expect.anything(), expect.any(String)],
    ]);
  });

  it('lsof exit 1 with no output is an empty list; not root is incomplete', async () => {
    const host = fakeHost({
      platform: 'macos',
      commands: { 'lsof -nP -iTCP -sTCP:LISTEN -FpcuLPtn': { exitCode: 1 }, 'lsof -nP -iUDP -FpcuLPtn': { exitCode: 1 }, 'id -u': { stdout: '501\n' } },
    });
    expect(await collectMacos(host, context(host))).toMatchObject({ status: 'ok', facts: { sockets: [], exposed: [], processesResolved: false } });
  });

  it('without lsof the sockets are unknown; at rest unsupported', async () => {
    const none = fakeHost({ platform: 'macos' });
    expect(await collectMacos(none, context(none))).toMatchObject({ status: 'ok', facts: { sockets: null, exposed: null } });
    const rest = fakeHost({ platform: 'macos', capabilities: { live: false } });
    expect((await collectMacos(rest, context(rest))).status).toBe('unsupported');
  });
});
