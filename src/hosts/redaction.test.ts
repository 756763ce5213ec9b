import { describe, expect, it } from 'vitest';
import { fakeHost } from '../testing/fake-host.js';
import { localHost } from './local.js';
import { parsePasswd } from '../platform/codecs/passwd.js';
import { applyRedactions, collectRedactions, createRedactor, machineIdPseudonym, stablePseudonyms } from './redaction.js';
import type { Redaction } from './redaction.js';

const passwd = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'sh:x:998:998::/nonexistent:/usr/sbin/nologin',
  'alice:x:1000:1000:Alice Martin,,,:/home/alice:/bin/bash',
  'bob:x:1001:1001::/home/bob:/bin/sh',
  'a:x:1002:1002::/home/a:/bin/bash',
  'user1:x:1003:1003::/home/user1:/bin/bash',
  'debian:x:1004:1004:Debian cloud image user:/home/debian:/bin/bash',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  'broken line',
  '',
].join('\n');

const sampleHost = () =>
  fakeHost({
    files: {
      '/etc/passwd': passwd,
      '/proc/sys/kernel/hostname': 'alice-laptop\n',
      '/etc/hostname': 'Alice-Laptop.corp.example.lu\n',
      '/etc/machine-id': '4a1e0b7c9d2f43e8a6b5c0d1e2f3a4b5\n',
      '/var/lib/dbus/machine-id': '4a1e0b7c9d2f43e8a6b5c0d1e2f3a4b5\n',
      '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_CODENAME=bookworm\n',
    },
    dirs: { '/home': ['alice', 'carol', 'root', 'lost+found', '.snapshots', 'debian'] },
  });

describe('collectRedactions', () => {
  it('finds host names, machine ids and real users, and only those', async () => {
    const redactions = await collectRedactions(sampleHost());
    expect(redactions).toEqual([
      { kind: 'hostname', original: 'alice-laptop', replacement: 'host1' },
      { kind: 'hostname', original: 'alice-laptop.corp.example.lu', replacement: 'host1.example' },
      { kind: 'machine-id', original: '4a1e0b7c9d2f43e8a6b5c0d1e2f3a4b5', replacement: '0'.repeat(32) },
      { kind: 'machine-id', original: '4a1e0b7c-9d2f-43e8-a6b5-c0d1e2f3a4b5', replacement: '00000000-0000-0000-0000-000000000000' },
      { kind: 'user', original: 'alice', replacement: 'user1' },
      { kind: 'user', original: 'bob', replacement: 'user2' },
      { kind: 'user', original: 'a', replacement: 'user3' },
      { kind: 'user', original: 'user1', replacement: 'user4' },
      { kind: 'user', original: 'carol', replacement: 'user5' },
    ]);
  });

  it('never takes system accounts, lost+found, hidden entries or distribution default names', async () => {
    const originals = (await collectRedactions(sampleHost())).map((r) => r.original);
    for (const kept of ['root', 'daemon', 'sh', 'nobody', 'lost+found', '.snapshots', 'debian', 'bookworm']) {
      expect(originals).not.toContain(kept);
    }
  });

  it('keeps loopback and distribution default host names', async () => {
    const host = fakeHost({ files: { '/etc/hostname': 'localhost\n', '/proc/sys/kernel/hostname': 'debian\n' } });
    expect(await collectRedactions(host)).toEqual([]);
  });

  it('on this machine, takes no system account and no value shorter than its own kind allows', async () => {
    const host = await localHost.create(undefined, { cwd: process.cwd() });
    const redactions = await collectRedactions(host);
    const systemAccounts = parsePasswd((await host.readFile('/etc/passwd'))?.toString() ?? '').filter((e) => e.uid < 1000 || e.uid >= 60000);
    for (const account of systemAccounts) {
      expect(redactions.filter((r) => r.kind === 'user').map((r) => r.original)).not.toContain(account.name);
    }
    const machineId = (await host.readFile('/etc/machine-id'))?.toString().trim();
    if (machineId !== undefined && machineId !== '') {
      expect(redactions).toContainEqual({ kind: 'machine-id', original: machineId, replacement: '0'.repeat(32) });
    }
  });
});

describe('applyRedactions', () => {
  const redactions: Redaction[] = [
    { kind: 'hostname', original: 'alice-laptop', replacement: 'host1' },
    { kind: 'machine-id', original: '4a1e0b7c9d2f43e8a6b5c0d1e2f3a4b5', replacement: '0'.repeat(32) },
    { kind: 'user', original: 'alice', replacement: 'user1' },
    { kind: 'user', original: 'a', replacement: 'user3' },
    { kind: 'user', original: 'user1', replacement: 'user4' },
    { kind: 'user', original: 'j.doe', replacement: 'user5' },
  ];
  const redact = (text: string): string => applyRedactions(redactions, text);

  it('replaces whole words only', () => {
    expect(redact('alice')).toBe('user1');
    expect(redact('/home/alice/.config/Signal')).toBe('/home/user1/.config/Signal');
    expect(redact('owner=alice;')).toBe('owner=user1;');
    expect(redact('malice aliceb alice_x')).toBe('malice aliceb alice_x');
    expect(redact('jxdoe j.doe')).toBe('jxdoe user5');
  });

  it('leaves system accounts alone because they are not listed', () => {
    expect(redact('root:x:0:0:root:/root:/bin/bash')).toBe('root:x:0:0:root:/root:/bin/bash');
  });

  it('replaces in one pass, so a replacement is never replaced again', () => {
    expect(redact('alice user1')).toBe('user1 user4');
  });

  it('replaces the host name whole before a user name inside it, in any case', () => {
    expect(redact('Static hostname: alice-laptop')).toBe('Static hostname: host1');
    expect(redact('127.0.1.1 ALICE-LAPTOP')).toBe('127.0.1.1 host1');
  });

  it('replaces a one-letter user only where a user name stands alone in a field', () => {
    const text = [
      'a:x:1002:1002::/home/a:/bin/bash',
      'sudo:x:27:alice,a',
      'audio:x:29:a',
      'a file in a directory: /home/a/Downloads and /home/ab and /var/a',
    ].join('\n');
    expect(redact(text)).toBe(
      [
        'user3:x:1002:1002::/home/user3:/bin/bash',
        'sudo:x:27:user1,user3',
        'audio:x:29:user3',
        'a file in a directory: /home/user3/Downloads and /home/ab and /var/a',
      ].join('\n'),
    );
  });

  it('replaces a short host name only as a blank-separated token', () => {
    const short: Redaction[] = [{ kind: 'hostname', original: 'vm', replacement: 'host1' }];
    expect(applyRedactions(short, 'vm\n')).toBe('host1\n');
    expect(applyRedactions(short, '127.0.1.1\tvm')).toBe('127.0.1.1\thost1');
    expect(applyRedactions(short, 'vm.swappiness = 60\n/proc/sys/vm')).toBe('vm.swappiness = 60\n/proc/sys/vm');
  });

  it('keeps the length of binary content and redacts only where the bytes appear', () => {
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x00, 0xff]), Buffer.from('alice\0'), Buffer.from([0xfe])]);
    const result = applyRedactions(redactions, binary);
    expect(result.length).toBe(binary.length);
    expect(result).toEqual(Buffer.concat([Buffer.from([0x7f, 0x45, 0x00, 0xff]), Buffer.from('user1\0'), Buffer.from([0xfe])]));
    const long = applyRedactions([{ kind: 'user', original: 'alexandra', replacement: 'user1' }], Buffer.from('\0alexandra\0'));
    expect(long).toEqual(Buffer.from('\0user1____\0'));
    const untouched = Buffer.from([0, 1, 2, 3]);
    expect(applyRedactions(redactions, untouched)).toBe(untouched);
  });

  it('keeps bytes that are not UTF-8 in text content', () => {
    const latin1 = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' alice\n')]);
    expect(applyRedactions(redactions, latin1)).toEqual(Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' user1\n')]));
  });

  it('redacts non-ASCII names in text and bytes alike', () => {
    const names: Redaction[] = [{ kind: 'user', original: 'zoé', replacement: 'user1' }];
    expect(applyRedactions(names, '/home/zoé/x')).toBe('/home/user1/x');
    expect(applyRedactions(names, Buffer.from('/home/zoé/x'))).toEqual(Buffer.from('/home/user1/x'));
  });

  it('escapes names that look like patterns', () => {
    const odd: Redaction[] = [{ kind: 'user', original: 'x+y(1)', replacement: 'user1' }];
    expect(createRedactor(odd).text('home x+y(1) xxy1')).toBe('home user1 xxy1');
  });

  it('is the identity without redactions', () => {
    expect(applyRedactions([], 'alice')).toBe('alice');
  });
});

describe('short user names in structured values', () => {
  const users: Redaction[] = [
    { kind: 'user', original: 'al', replacement: 'user1' },
    { kind: 'hostname', original: 'vm', replacement: 'host1' },
  ];
  it('replaces a value that is exactly a two-letter user, and leaves words alone', () => {
    const redactor = createRedactor(users);
    expect(redactor.value('al')).toBe('user1');
    expect(redactor.value('/home/al/.config')).toBe('/home/user1/.config');
    expect(redactor.value('al is not a word here')).toBe('al is not a word here');
    expect(redactor.text('al')).toBe('al');
  });
});

describe('stablePseudonyms', () => {
  const id = '4a1e0b7c9d2f43e8a6b5c0d1e2f3a4b5';

  it('gives a machine the same pseudonyms every time, from its name and machine id alone', () => {
    const first = stablePseudonyms('alice-laptop', id);
    const again = stablePseudonyms('ALICE-LAPTOP.corp.example.lu', id.toUpperCase());
    expect(first.hostName).toMatch(/^host-[0-9a-f]{12}$/);
    expect(again.hostName).toBe(first.hostName);
    expect(again.machineId).toBe(first.machineId);
    expect(first.machineId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.machineId).not.toBe(id);
  });

  it('tells apart machines that share a name, and keeps a UUID a UUID', () => {
    const names = ['vm', 'vm', 'vm', 'vm'];
    const ids = ['1'.repeat(32), '2'.repeat(32), '3'.repeat(32), null];
    const pseudonyms = names.map((name, i) => stablePseudonyms(name, ids[i] ?? null).hostName);
    expect(new Set(pseudonyms).size).toBe(4);
    expect(stablePseudonyms(null, null)).toMatchObject({ hostName: null, machineId: null });
    expect(machineIdPseudonym('4A1E0B7C-9D2F-43E8-A6B5-C0D1E2F3A4B5')).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
  });

  it('makes the recorder’s host and machine-id replacements stable, and leaves users alone', async () => {
    const found = await collectRedactions(sampleHost());
    const stable = stablePseudonyms('alice-laptop', id).redactions(found);
    const short = stable.find((r) => r.original === 'alice-laptop');
    const full = stable.find((r) => r.original === 'alice-laptop.corp.example.lu');
    expect(short?.replacement).toBe(stablePseudonyms('alice-laptop', id).hostName);
    expect(full?.replacement).toBe(`${short?.replacement ?? ''}.example`);
    expect(stable.find((r) => r.original === id)?.replacement).toBe(machineIdPseudonym(id));
    expect(stable.filter((r) => r.kind === 'user')).toEqual(found.filter((r) => r.kind === 'user'));
  });
});
