import { describe, expect, it } from 'vitest';
import { agentRequests } from './manifest.js';

describe('agentRequests', () => {
  it('turns each read into the agent op, marking patterns and home-relative paths', () => {
    expect(
      agentRequests([
        { op: 'file', path: '/etc/os-release' },
        { op: 'file', path: '/var/lib/dpkg/status', maxBytes: 64 },
        { op: 'stat', path: '/usr/sbin/sshd' },
        { op: 'dir', path: '/proc/[0-9]*/fd' },
        { op: 'list', path: '~/.config/a b' },
        { op: 'dir', path: '~' },
        { op: 'stat', path: '/opt/x?y' },
      ]),
    ).toEqual([
      { op: 'f', path: '/etc/os-release', pattern: false },
      { op: 'f', path: '/var/lib/dpkg/status', pattern: false, maxBytes: 64 },
      { op: 's', path: '/usr/sbin/sshd', pattern: false },
      { op: 'd', path: '/proc/[0-9]*/fd', pattern: true },
      { op: 'l', path: '~/.config/a b', pattern: true },
      { op: 'd', path: '~', pattern: true },
      { op: 's', path: '/opt/x?y', pattern: true },
    ]);
  });

  it('asks nothing ahead when given nothing', () => {
    expect(agentRequests([])).toEqual([]);
  });
});

describe('agentRequests, once per list of reads', () => {
  it('hands every host of an audit the same requests for the same reads, and other reads their own', () => {
    const reads = [{ op: 'file', path: '/etc/hostname' }] as const;
    const first = agentRequests(reads);
    expect(agentRequests(reads)).toBe(first);
    const other = agentRequests([{ op: 'file', path: '/etc/hostname' }]);
    expect(other).not.toBe(first);
    expect(other).toEqual(first);
  });
});
