import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsListeningScript } from './windows.js';
import { windowsSockets } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};

describe('windows listening sockets', () => {
  it('classifies with the Linux service table, by process name (no .exe) then port', () => {
    const sockets = windowsSockets([
      {
        protocol: 'tcp',
        rows: [
          { LocalAddress: '0.0.0.0', LocalPort: 5433, OwningProcess: 3120, process: 'postgres' },
          { LocalAddress: '::', LocalPort: 445, OwningProcess: 4, process: 'System' },
          { LocalAddress: '127.0.0.1', LocalPort: 3306, OwningProcess: 900, process: 'mysqld.exe' },
          { LocalAddress: 'fe80::1%12', LocalPort: 1433, OwningProcess: 901, process: 'sqlservr' },
        ],
      },
      { protocol: 'udp', rows: { LocalAddress: '0.0.0.0', LocalPort: 137, OwningProcess: 4, process: 'System' } },
    ]);
    expect(sockets.map((s) => [s.protocol, s.address, s.port, s.exposed, s.process, s.service, s.category])).toEqual([
      ['tcp', '::', 445, true, 'System', 'smb', 'file-sharing'],
      ['tcp', 'fe80::1', 1433, true, 'sqlservr', 'mssql', 'database'],
      ['tcp', '127.0.0.1', 3306, false, 'mysqld', 'mysql', 'database'],
      ['tcp', '0.0.0.0', 5433, true, 'postgres', 'postgresql', 'database'],
      ['udp', '0.0.0.0', 137, true, 'System', 'netbios', 'file-sharing'],
    ]);
  });

  it('collects on a running system only', async () => {
    const key = [powershellProgram, ...psArgs(windowsListeningScript)].join(' ');
    const host = fakeHost({
      platform: 'windows',
      commands: { [key]: { stdout: JSON.stringify({ tcp: { LocalAddress: '0.0.0.0', LocalPort: 5432, OwningProcess: 1, process: null }, udp: [] }) } },
    });
    const outcome = await collectWindows(host, context);
    expect(outcome).toMatchObject({ status: 'ok', facts: { processesResolved: false, exposed: [{ port: 5432, category: 'database' }] } });
    expect((await collectWindows(host, { ...context, capabilities: { read: true, exec: true, live: false } })).status).toBe('unsupported');
  });
});
