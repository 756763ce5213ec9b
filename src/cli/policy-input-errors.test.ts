/** Ordinary mistakes in a policy: one clear line each at file:line:col, exit 2, never an internal error. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-input-errors-'));
const head = "schemaVersion: 1\nid: t\nversion: '1'\ntitle: T\nthemes: { x: X }\nrules:\n";
const rule = (check: string, extra = ''): string =>
  `${head}  - id: R-1\n    theme: x\n    title: t\n    severity: low\n    platforms: [linux]\n    targets: [live]\n    remediation: r\n${extra}    check: ${check}\n`;

export const validateText = async (name: string, text: string): Promise<{ code: number; err: string; problems: string[] }> => {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  const io = memoryIo({ cwd: dir });
  const code = await run(['policy', 'validate', file], io);
  const err = io.err();
  return { code, err, problems: err.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l)) };
};

const cases: [name: string, text: string, at: string, message: RegExp][] = [
  ['proto-fact', rule('{ fact: __proto__.x, expect: { equals: true } }'), '14:20', /unknown fact '__proto__\.x'/],
  ['constructor-fact', rule('{ fact: constructor.prototype, expect: { equals: true } }'), '14:20', /unknown fact 'constructor\.prototype'/],
  ['tostring-fact', rule('{ fact: os.toString, expect: { equals: true } }'), '14:20', /'os' provides no fact 'toString'/],
  ['self-reference', rule('&c { all: [ *c ] }'), '14:24', /alias refers to a node that contains it/],
  [
    'extends-directory',
    "schemaVersion: 1\nid: t\nversion: '1'\ntitle: T\nextends: /tmp\n",
    '5:10',
    /the extended policy must be a shipped one or a file in this policy's directory or below.*not read/,
  ],
  ['extends-empty', "schemaVersion: 1\nid: t\nversion: '1'\ntitle: T\nextends: ''\n", '5:10', /extends/],
  ['syntax', "schemaVersion: 1\nid: t\nversion: '1'\ntitle: T: U\nrules: []\n", '4:8', /YAML: /],
  [
    'unknown-theme-constructor',
    rule('{ fact: firewall.enabled, expect: { equals: true } }').replace('theme: x', 'theme: constructor'),
    '8:12',
    /unknown theme 'constructor'/,
  ],
  ['yaml11-no', rule('{ fact: firewall.enabled, expect: { equals: no } }'), '14:56', /equals: write false, not no/],
  ['yaml11-On', rule('{ fact: firewall.enabled, expect: { notEquals: On } }'), '14:59', /notEquals: write true, not On/],
  ['yaml11-list', rule('{ fact: firewall.enabled, expect: { oneOf: [true, n] } }'), '14:62', /oneOf: write false, not n/],
  ['string-for-boolean', rule("{ fact: firewall.enabled, expect: { equals: 'enabled' } }"), '14:56', /never the string "enabled"/],
  [
    'yaml11-parameter',
    rule('{ fact: firewall.enabled, expect: { equals: { param: want } } }', '    parameters: { want: off }\n'),
    '15:56',
    /write false, not off/,
  ],
  [
    'parameter-self',
    rule('{ fact: firewall.enabled, expect: { equals: { param: want } } }', '    parameters: { want: { param: want } }\n'),
    '14:25',
    /parameter 'want' refers to itself/,
  ],
  ['yaml11-option', rule('{ fact: firewall.enabled, expect: { exists: yes } }'), '14:56', /exists: must be true or false: write true, not yes/],
  [
    'string-for-string-key',
    rule('{ fact: firewall.enabled, expect: { equals: true } }').replace("version: '1'", 'version: true'),
    '3:10',
    /version: must be a string: write 'true' in quotes/,
  ],
  [
    'boolean-for-string-fact',
    rule('{ fact: ssh-server.permitRootLogin, expect: { equals: false } }'),
    '14:66',
    /'ssh-server\.permitRootLogin' is a string: write 'false' in quotes/,
  ],
  [
    'proto-key',
    rule('{ fact: firewall.enabled, expect: { equals: true } }').replace('title: T\n', 'title: T\n__proto__: { polluted: true }\n'),
    '5:1',
    /unknown key '__proto__'/,
  ],
  [
    'tostring-parameter',
    rule('{ fact: firewall.enabled, expect: { equals: { param: toString } } }'),
    '14:56',
    /unknown parameter 'toString' \(the rule declares no 'parameters'\)/,
  ],
];

describe('policy input mistakes', () => {
  for (const [name, text, at, message] of cases) {
    it(`${name}: one line at ${at}, exit 2`, async () => {
      const { code, err, problems } = await validateText(name, text);
      expect(code).toBe(2);
      expect(err).not.toMatch(/internal error|\n\s+at /);
      expect(problems, err).toHaveLength(1);
      expect(problems[0]).toContain(`${name}.yaml:${at}: `);
      expect(problems[0]).toMatch(message);
    });
  }
});
