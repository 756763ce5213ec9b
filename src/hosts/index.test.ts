import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { hostKinds, openHost, parseTarget } from './index.js';

const context = { cwd: process.cwd() };

describe('host registry', () => {
  it('maps each key to the kind of the same name, defined in a file or folder of that name', () => {
    const here = readdirSync(fileURLToPath(new URL('.', import.meta.url)));
    for (const [key, kind] of Object.entries(hostKinds)) {
      expect(kind.kind).toBe(key);
      expect(here.some((name) => name === `${key}.ts` || name === key)).toBe(true);
      expect(kind.describe).not.toBe('');
    }
  });
});

describe('parseTarget', () => {
  it('splits at the first colon only', () => {
    expect(parseTarget('local')).toEqual({ kind: 'local', argument: undefined });
    expect(parseTarget('replay:fixtures/hosts/x')).toEqual({ kind: 'replay', argument: 'fixtures/hosts/x' });
    expect(parseTarget('ssh:alice@web1:2222')).toEqual({ kind: 'ssh', argument: 'alice@web1:2222' });
    expect(parseTarget('replay:')).toEqual({ kind: 'replay', argument: '' });
  });
});

describe('openHost', () => {
  it('opens the local host', async () => {
    const host = await openHost('local', context);
    expect(host.kind).toBe('local');
    await host.close();
  });

  it('refuses an unknown kind and lists the known ones', async () => {
    await expect(openHost('telnet:x', context)).rejects.toThrow(UsageError);
    await expect(openHost('telnet:x', context)).rejects.toThrow(/local, replay:DIR/);
  });

  it('does not take inherited object keys for kinds', async () => {
    await expect(openHost('constructor', context)).rejects.toThrow(UsageError);
    await expect(openHost('__proto__:x', context)).rejects.toThrow(UsageError);
  });

  it('refuses an argument where none is taken, and a missing one where it is needed', async () => {
    await expect(openHost('local:x', context)).rejects.toThrow(/takes no argument/);
    await expect(openHost('local:', context)).rejects.toThrow(UsageError);
    await expect(openHost('replay', context)).rejects.toThrow(/replay:DIR/);
    await expect(openHost('replay:', context)).rejects.toThrow(UsageError);
  });
});
