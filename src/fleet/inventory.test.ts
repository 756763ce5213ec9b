import { describe, expect, it } from 'vitest';
import { PolicyError } from '../errors.js';
import { parseAddress, parseInventory } from './inventory.js';

const problemsOf = (text: string, file = 'hosts.txt'): string[] => {
  try {
    parseInventory(text, file);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map((p) => `${String(p.line)}:${String(p.col)}: ${p.message}`);
    throw error;
  }
  return [];
};

describe('parseAddress', () => {
  it('reads [user@]host[:port] and bracketed IPv6', () => {
    expect(parseAddress('web1')).toEqual({ address: 'web1' });
    expect(parseAddress('alice@web1.example.lu:2222')).toEqual({ address: 'web1.example.lu', user: 'alice', port: 2222 });
    expect(parseAddress('10.0.0.5')).toEqual({ address: '10.0.0.5' });
    expect(parseAddress('root@[fe80::1]:22')).toEqual({ address: 'fe80::1', user: 'root', port: 22 });
    expect(parseAddress('fe80::1')).toEqual({ address: 'fe80::1' });
  });

  it('refuses what ssh could read as an option, and bad ports', () => {
    expect(parseAddress('-oProxyCommand=x')).toMatch(/invalid host name/);
    expect(parseAddress('-l@web1')).toMatch(/invalid user name/);
    expect(parseAddress('web1:0')).toMatch(/invalid port/);
    expect(parseAddress('web1:65536')).toMatch(/invalid port/);
    expect(parseAddress('web 1')).toMatch(/invalid host name/);
    expect(parseAddress('a;b')).toMatch(/invalid host name/);
  });
});

describe('parseInventory: plain lists', () => {
  it('reads one host per line, skipping comments and blank lines', () => {
    const hosts = parseInventory('# office\nweb1\n\n  alice@db1:2222   # primary\nbob@10.0.0.7\n', 'hosts.txt');
    expect(hosts).toEqual([
      { alias: 'web1', address: 'web1', groups: [] },
      { alias: 'alice@db1:2222', address: 'db1', user: 'alice', port: 2222, groups: [] },
      { alias: 'bob@10.0.0.7', address: '10.0.0.7', user: 'bob', groups: [] },
    ]);
  });

  it('lists every bad line with its position', () => {
    expect(problemsOf('web1\n-oProxyCommand=evil\nweb2:99999\n')).toEqual([
      '2:1: host "-oProxyCommand=evil": invalid host name "-oProxyCommand=evil"',
      '3:1: host "web2:99999": invalid port "99999" (1 to 65535)',
    ]);
  });

  it('is empty for an empty file', () => {
    expect(parseInventory('# nothing yet\n', 'hosts.txt')).toEqual([]);
  });
});

describe('parseInventory: Ansible INI', () => {
  const ini = `
[web]
web1.example.lu
web2 ansible_host=10.0.0.12 ansible_port=2200 ansible_user=deploy

[db]
db1 ansible_host=10.0.0.20   ; comment
web1.example.lu

[db:vars]
ansible_user=postgres

[prod:children]
web
db

[prod:vars]
ansible_port = 2222
ansible_user=ops
`;

  it('reads groups, host variables, group variables and children, with Ansible precedence', () => {
    expect(parseInventory(ini, 'inventory.ini')).toEqual([
      { alias: 'web1.example.lu', address: 'web1.example.lu', user: 'postgres', port: 2222, groups: ['db', 'prod', 'web'] },
      { alias: 'web2', address: '10.0.0.12', user: 'deploy', port: 2200, groups: ['prod', 'web'] },
      { alias: 'db1', address: '10.0.0.20', user: 'postgres', port: 2222, groups: ['db', 'prod'] },
    ]);
  });

  it('accepts [all:vars] and IPv6 lines that look like headers', () => {
    const hosts = parseInventory('[all:vars]\nansible_user=audit\n\n[lab]\n[fe80::2]:2200\n', 'inv');
    expect(hosts).toEqual([{ alias: '[fe80::2]:2200', address: 'fe80::2', user: 'audit', port: 2200, groups: ['lab'] }]);
  });

  it('reports bad headers, bad variables and host ranges', () => {
    expect(problemsOf('[web-servers:oops]\nweb[01:20].example.lu\nweb3 ansible_port=abc\nweb4 novalue\n')).toEqual([
      '1:1: invalid group header [web-servers:oops] (expected [group], [group:vars] or [group:children])',
      '2:1: host ranges such as web[01:20].example.lu are not supported: list the hosts one per line',
      '3:1: host "web3": invalid port "abc" (1 to 65535)',
      '4:6: expected key=value, got "novalue"',
    ]);
  });

  it('refuses an ansible_user that ssh would read as an option', () => {
    expect(problemsOf('web1 ansible_user=-oProxyCommand=x\n')).toEqual(['1:1: host "web1": invalid user name "-oProxyCommand=x"']);
  });
});

describe('parseInventory: Ansible YAML', () => {
  const yaml = `all:
  vars:
    ansible_user: audit
  hosts:
    jump:
      ansible_host: 192.0.2.10
  children:
    web:
      hosts:
        web1:
          ansible_host: web1.example.lu
          ansible_port: 2222
        web2:
      vars:
        ansible_user: deploy
    db:
      hosts:
        db1: { ansible_host: 192.0.2.20, ansible_user: postgres }
`;

  it('reads hosts, nested children and vars, by extension or by content', () => {
    const expected = [
      { alias: 'jump', address: '192.0.2.10', user: 'audit', groups: [] },
      { alias: 'web1', address: 'web1.example.lu', user: 'deploy', port: 2222, groups: ['web'] },
      { alias: 'web2', address: 'web2', user: 'deploy', groups: ['web'] },
      { alias: 'db1', address: '192.0.2.20', user: 'postgres', groups: ['db'] },
    ];
    expect(parseInventory(yaml, 'inventory.yml')).toEqual(expected);
    expect(parseInventory(yaml, 'inventory')).toEqual(expected);
  });

  it('reports problems with line and column', () => {
    const problems = problemsOf('all:\n  hosts:\n    web1:\n      ansible_port: [1]\n  groups: {}\n', 'inv.yaml');
    expect(problems).toEqual(['4:21: ansible_port must be a string or a number', "5:3: unknown key 'groups' in group 'all' (expected hosts, children, vars)"]);
    expect(problemsOf('- web1\n', 'inv.yaml')[0]).toContain('a YAML inventory must be a mapping of groups');
  });
});

describe('inventory cycles and odd names', () => {
  it('refuses INI groups that contain each other, at the link that closes the cycle', () => {
    const ini = '[a]\nweb1\n[a:children]\nb\n[b:children]\na\n';
    expect(problemsOf(ini, 'hosts.ini')).toEqual(['6:1: group cycle: a → b → a (a group cannot contain itself)']);
  });

  it('refuses a group that is its own child', () => {
    expect(problemsOf('[a]\nweb1\n[a:children]\na\n', 'hosts.ini')).toEqual(['4:1: group cycle: a → a (a group cannot contain itself)']);
  });

  it('refuses YAML group cycles, by name and by alias', () => {
    const byName = 'all:\n  children:\n    a:\n      hosts: { web1: }\n      children:\n        b:\n          children:\n            a:\n';
    expect(problemsOf(byName, 'inv.yaml')).toEqual(['8:13: group cycle: a → b → a (a group cannot contain itself)']);
    const byAlias = 'all: &all\n  children:\n    a: *all\n';
    expect(problemsOf(byAlias, 'inv.yaml')).toEqual([expect.stringMatching(/^3:8: YAML: an alias refers to a node that contains it/)]);
  });

  it('ignores variables named like Object members', () => {
    expect(parseInventory('[a]\nweb1 constructor=x toString=y __proto__=z\n', 'hosts.ini')).toEqual([{ alias: 'web1', address: 'web1', groups: ['a'] }]);
    expect(parseInventory('all:\n  hosts:\n    web1: { constructor: x, __proto__: y }\n', 'inv.yaml')).toEqual([
      { alias: 'web1', address: 'web1', groups: [] },
    ]);
  });
});
