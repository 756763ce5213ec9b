import { describe, expect, it } from 'vitest';
import type { Recording } from './recorder.js';
import { withoutProcessArguments } from './process-arguments.js';

const recording = (files: Record<string, string | undefined>): Recording => ({
  kind: 'local',
  name: 'local',
  capabilities: { read: true, exec: true, live: true },
  platform: 'linux',
  files: new Map(Object.entries(files).map(([k, v]) => [k, v === undefined ? undefined : Buffer.from(v)])),
  dirs: new Map(),
  stats: new Map(),
  links: new Map(),
  commands: [],
});

describe('withoutProcessArguments', () => {
  it('keeps argv[0] of each /proc/<pid>/cmdline and drops the arguments', () => {
    const out = withoutProcessArguments(
      recording({
        '/proc/12/cmdline': 'mysql\0-uroot\0-psecret\0',
        '/proc/13/cmdline': 'telegram-desktop\0',
        '/proc/14/cmdline': 'no-nul-at-all',
        '/proc/15/comm': 'mysql\n',
        '/etc/passwd': 'root:x:0:0::/root:/bin/sh\0tail',
        '/proc/16/cmdline': undefined,
      }),
    );
    expect(out.files.get('/proc/12/cmdline')?.toString()).toBe('mysql\0');
    expect(out.files.get('/proc/13/cmdline')?.toString()).toBe('telegram-desktop\0');
    expect(out.files.get('/proc/14/cmdline')?.toString()).toBe('no-nul-at-all');
    expect(out.files.get('/proc/15/comm')?.toString()).toBe('mysql\n');
    expect(out.files.get('/etc/passwd')?.toString()).toBe('root:x:0:0::/root:/bin/sh\0tail');
    expect(out.files.has('/proc/16/cmdline')).toBe(true);
    expect(out.files.get('/proc/16/cmdline')).toBeUndefined();
  });
});
