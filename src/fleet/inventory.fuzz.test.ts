/**
 * Fuzzing the inventory parsers (plain list, Ansible INI, Ansible YAML): any text gives hosts that
 * are safe to hand to ssh, or a PolicyError; never a crash, and in time linear enough to notice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../errors.js';
import { fuzzSeed, hostileString, mutatedText, onlyTyped, yamlishText } from '../testing/fuzz.js';
import { parseInventory } from './inventory.js';

const numRuns = 400;

const plain = 'web1.example.lu\n# comment\n\nops@db1:2222\n[fe80::1]:22\n192.0.2.7\n';
const ini = `[web]
web1.example.lu
web2 ansible_host=10.0.0.12 ansible_port=2200 ansible_user=deploy

[db]
db1 ansible_host=10.0.0.20   ; comment

[db:vars]
ansible_user=postgres

[prod:children]
web
db

[prod:vars]
ansible_port = 2222
`;
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
      children:
        web: {}
    db:
      hosts:
        db1: { ansible_host: 192.0.2.20, ansible_user: postgres }
`;

/** Lines built from inventory-shaped pieces and hostile strings. */
const iniLines = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '[web]',
        '[web:vars]',
        '[web:children]',
        '[all:vars]',
        '[::1]',
        '[a:b:c]',
        '[',
        ']',
        'web',
        'db',
        'ansible_host=',
        'ansible_port=',
        'ansible_user=',
        "'",
        '"',
        ';',
        '#',
      ),
      hostileString(3),
      fc
        .tuple(
          fc.constantFrom('ansible_host', 'ansible_port', 'ansible_user', 'ansible_ssh_host', 'x'),
          fc.oneof(fc.string({ maxLength: 12 }), hostileString(2)),
        )
        .map(([k, v]) => `h ${k}=${v}`),
    ),
    { maxLength: 15 },
  )
  .map((lines) => lines.join('\n'));

const recursive = fc.constantFrom('all: &a { hosts: { h: *a }, children: { c: *a } }\n', 'all:\n  children: &c\n    web: { children: *c }\n');

const inventoryText = fc.oneof(
  recursive,
  mutatedText(plain),
  mutatedText(ini),
  mutatedText(yaml),
  iniLines,
  yamlishText,
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 100, unit: 'binary' }),
);

const dnsOrIp = /^[A-Za-z0-9_.:%-]+$/;

describe('parseInventory (fuzz)', () => {
  it(`gives ssh-safe hosts or a PolicyError for any text (${String(numRuns * 2)} runs, seed ${String(fuzzSeed)})`, () => {
    fc.assert(
      fc.property(inventoryText, fc.constantFrom('inventory', 'hosts.ini', 'hosts.yml'), (text, file) => {
        try {
          const hosts = parseInventory(text, file);
          for (const host of hosts) {
            expect(host.address).toMatch(dnsOrIp);
            expect(host.address.startsWith('-')).toBe(false);
            if (host.user !== undefined) expect(host.user).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
            if (host.port !== undefined) expect(Number.isInteger(host.port) && host.port >= 1 && host.port <= 65535).toBe(true);
          }
        } catch (error) {
          onlyTyped(error, [PolicyError]);
          for (const problem of (error as PolicyError).problems) {
            expect(problem.line).toBeGreaterThanOrEqual(0);
            expect(problem.col).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { seed: fuzzSeed, numRuns: numRuns * 2, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('refuses a YAML group that contains itself (found by fuzzing: it hung the parser)', () => {
    expect(() => parseInventory('all: &a { hosts: { h: *a }, children: { c: *a } }\n', 'hosts.yml')).toThrow(/an alias refers to a node that contains it/);
  });

  it(`stays fast on long hostile lines (${String(numRuns / 4)} runs)`, () => {
    // A super-linear pattern shows up as seconds on a few thousand characters.
    const longLine = fc
      .tuple(
        fc.constantFrom('a', '"', "'", 'a=', ' ', '.', '-', ':', '[', '@', 'x"y', '0'),
        fc.integer({ min: 1000, max: 20_000 }),
        fc.constantFrom('', '!', '\n', '"', ']'),
      )
      .map(([unit, n, end]) => unit.repeat(Math.ceil(n / unit.length)) + end);
    fc.assert(
      fc.property(longLine, fc.constantFrom('inventory', 'hosts.ini', 'hosts.yml'), (text, file) => {
        const start = performance.now();
        try {
          parseInventory(`[web]\nh ${text}\n${text}`, file);
        } catch (error) {
          onlyTyped(error, [PolicyError]);
        }
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      { seed: fuzzSeed, numRuns: numRuns / 4, interruptAfterTimeLimit: 20_000 },
    );
  });
});
