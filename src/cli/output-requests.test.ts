import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { fleetReporters } from '../reporters/audit/index.js';
import type { FormatChoice } from '../reporters/reporter.js';
import { reporters } from '../reporters/index.js';
import { OutputRequests } from './output-requests.js';

const formats = Object.values(reporters);

const requests = (...steps: ['format' | 'output', string][]) => {
  const collected = new OutputRequests(formats);
  for (const [kind, value] of steps) {
    if (kind === 'format') collected.addFormat(value);
    else collected.addOutput(value);
  }
  return collected.resolve();
};

describe('--format/--output pairs', () => {
  it('defaults to text on stdout', () => {
    expect(requests()).toEqual([{ format: 'text' }]);
  });

  it('pairs each --output with the --format before it, in order, and keeps one stdout report', () => {
    expect(requests(['format', 'junit'], ['output', 'r.xml'], ['format', 'sarif'], ['output', 'r.sarif'], ['format', 'text'])).toEqual([
      { format: 'junit', file: 'r.xml' },
      { format: 'sarif', file: 'r.sarif' },
      { format: 'text' },
    ]);
  });

  it('takes the format from the extension when an --output has no --format of its own', () => {
    expect(requests(['output', 'a.json'], ['output', 'b.SARIF'], ['output', 'c.xml'])).toEqual([
      { format: 'json', file: 'a.json' },
      { format: 'sarif', file: 'b.SARIF' },
      { format: 'junit', file: 'c.xml' },
    ]);
  });

  it('takes html and csv from the extension where the command offers them (audit), and only there', () => {
    const fleet = new OutputRequests(Object.values(fleetReporters));
    fleet.addOutput('fleet.html');
    fleet.addOutput('hosts.CSV');
    fleet.addOutput('old.htm');
    expect(fleet.resolve()).toEqual([
      { format: 'html', file: 'fleet.html' },
      { format: 'csv', file: 'hosts.CSV' },
      { format: 'html', file: 'old.htm' },
    ]);
    // check has html (its own page) but no csv.
    expect(() => requests(['output', 'report.csv'])).toThrow(/give its --format/);
  });

  it('refuses two reports on stdout, an unknown format, a file given twice, and an unguessable file', () => {
    expect(() => requests(['format', 'json'], ['format', 'text'])).toThrow(UsageError);
    expect(() => requests(['format', 'pdf'])).toThrow(/unknown format 'pdf'/);
    expect(() => requests(['format', 'json'], ['output', 'x.json'], ['format', 'sarif'], ['output', 'x.json'])).toThrow(/given twice/);
    expect(() => requests(['output', 'report'])).toThrow(/give its --format/);
  });

  it('takes formats and extensions from the reporters given, so a new reporter needs no table', () => {
    const yaml: FormatChoice = { name: 'yaml', extension: '.yaml', otherExtensions: ['.YML'] };
    const collected = new OutputRequests([...formats, yaml]);
    collected.addOutput('a.yml');
    collected.addOutput('b.Yaml');
    collected.addFormat('yaml');
    expect(collected.resolve()).toEqual([{ format: 'yaml', file: 'a.yml' }, { format: 'yaml', file: 'b.Yaml' }, { format: 'yaml' }]);
    expect(() => requests(['format', 'yaml'])).toThrow(/unknown format 'yaml'/);
    expect(() => requests(['output', 'x.yml'])).toThrow(/give its --format/);
  });

  it('reads the reporters when used, so a command whose reporters load later gets them', () => {
    const late: FormatChoice[] = [];
    const collected = new OutputRequests(late);
    late.push(...Object.values(fleetReporters));
    collected.addOutput('fleet.html');
    expect(collected.resolve()).toEqual([{ format: 'html', file: 'fleet.html' }]);
  });
});
