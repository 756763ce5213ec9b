import { describe, expect, it } from 'vitest';
import { classifyService, serviceCategories, services } from './services.js';

describe('services table', () => {
  it('gives every single port to one service at most; ranges give way to single ports', () => {
    const owner = new Map<number, string>();
    for (const entry of services) {
      for (const port of entry.ports.filter((spec) => typeof spec === 'number')) {
        expect(owner.get(port), `port ${port}: ${entry.service} and ${owner.get(port) ?? ''}`).toBeUndefined();
        owner.set(port, entry.service);
      }
    }
    const ranges = services.flatMap((entry) => entry.ports.filter((spec) => typeof spec !== 'number'));
    for (const [i, a] of ranges.entries()) {
      for (const b of ranges.slice(i + 1)) expect(a[1] < b[0] || b[1] < a[0], `${a.join('-')} overlaps ${b.join('-')}`).toBe(true);
    }
    expect(classifyService(null, 5938).service).toBe('teamviewer');
    expect(classifyService(null, 5984).service).toBe('couchdb');
    expect(classifyService(null, 5985).service).toBe('winrm');
    expect(classifyService(null, 5937).service).toBe('vnc');
  });

  it('uses known categories and unique service ids', () => {
    const known: readonly string[] = serviceCategories;
    for (const entry of services) expect(known).toContain(entry.category);
    expect(new Set(services.map((entry) => entry.service)).size).toBe(services.length);
  });

  it.each([
    // database
    [3306, 'mysql'],
    [33060, 'mysql'],
    [5432, 'postgresql'],
    [27017, 'mongodb'],
    [6379, 'redis'],
    [9200, 'elasticsearch'],
    [9300, 'elasticsearch'],
    [1433, 'mssql'],
    [1521, 'oracle'],
    [5984, 'couchdb'],
    [9042, 'cassandra'],
    [8086, 'influxdb'],
    [7474, 'neo4j'],
    [7687, 'neo4j'],
    [11211, 'memcached'],
    [8123, 'clickhouse'],
    [9000, 'clickhouse'],
  ])('knows database port %i as %s', (port, service) => {
    expect(classifyService(null, port)).toEqual({ service, category: 'database' });
  });

  it.each([
    [445, 'smb'],
    [139, 'smb'],
    [137, 'netbios'],
    [138, 'netbios'],
    [2049, 'nfs'],
    [111, 'rpcbind'],
    [20048, 'mountd'],
    [21, 'ftp'],
    [69, 'tftp'],
    [873, 'rsync'],
    [548, 'afp'],
    [3702, 'wsdd'],
  ])('knows file-sharing port %i as %s', (port, service) => {
    expect(classifyService(null, port)).toEqual({ service, category: 'file-sharing' });
  });

  it.each([
    [22, 'ssh'],
    [3389, 'rdp'],
    [5900, 'vnc'],
    [5901, 'vnc'],
    [5999, 'vnc'],
    [6000, 'x11'],
    [6063, 'x11'],
    [5938, 'teamviewer'],
    [7070, 'anydesk'],
    [21115, 'rustdesk'],
    [21119, 'rustdesk'],
    [5985, 'winrm'],
    [5986, 'winrm'],
    [2375, 'docker-api'],
  ])('knows remote-access port %i as %s', (port, service) => {
    expect(classifyService(null, port)).toEqual({ service, category: 'remote-access' });
  });

  it('answers other for an unknown port of a known process, and for a kernel socket', () => {
    expect(classifyService('node', 18080)).toEqual({ service: null, category: 'other' });
    expect(classifyService(null, 6064, true)).toEqual({ service: null, category: 'other' });
    expect(classifyService(null, 5899, true)).toEqual({ service: null, category: 'other' });
  });

  it('leaves the category unknown for an unknown port whose process could not be identified', () => {
    // Another user's process read without root: a PostgreSQL moved to 18080 would look the same.
    expect(classifyService(null, 18080)).toEqual({ service: null, category: null });
    expect(classifyService(null, 6064)).toEqual({ service: null, category: null });
    // A port that names a service still decides it.
    expect(classifyService(null, 5432)).toEqual({ service: 'postgresql', category: 'database' });
  });
});

describe('classifyService', () => {
  it('matches the process name before the port', () => {
    expect(classifyService('postgres', 5433)).toEqual({ service: 'postgresql', category: 'database' });
    expect(classifyService('sshd', 2222)).toEqual({ service: 'ssh', category: 'remote-access' });
    expect(classifyService('redis-server', 16379)).toEqual({ service: 'redis', category: 'database' });
    expect(classifyService('mariadbd', 3307)).toEqual({ service: 'mysql', category: 'database' });
    expect(classifyService('smbd', 4450)).toEqual({ service: 'smb', category: 'file-sharing' });
    // A known process on another service's well-known port is still itself.
    expect(classifyService('memcached', 6379)).toEqual({ service: 'memcached', category: 'database' });
  });

  it('compares names the way the kernel truncates them (15 bytes)', () => {
    expect(classifyService('clickhouse-serv', 1)).toEqual({ service: 'clickhouse', category: 'database' });
    expect(classifyService('gnome-remote-de', 1)).toEqual({ service: 'rdp', category: 'remote-access' });
  });

  it('falls back to the port for generic runtimes and container proxies', () => {
    expect(classifyService('java', 9200)).toEqual({ service: 'elasticsearch', category: 'database' });
    expect(classifyService('beam.smp', 5984)).toEqual({ service: 'couchdb', category: 'database' });
    expect(classifyService('docker-proxy', 27017)).toEqual({ service: 'mongodb', category: 'database' });
    expect(classifyService('java', 8081)).toEqual({ service: null, category: 'other' });
  });

  it('picks the entry of the port for a process that serves several', () => {
    expect(classifyService('dovecot', 993)).toEqual({ service: 'imap', category: 'mail' });
    expect(classifyService('dovecot', 995)).toEqual({ service: 'pop3', category: 'mail' });
    expect(classifyService('dovecot', 4190)).toEqual({ service: 'imap', category: 'mail' });
  });
});
