import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSoftwareUpdateList } from './softwareupdate-list.js';

/** Captures: see testdata/softwareupdate/README.md (repository, path, commit). */
const capture = (name: string): string => readFileSync(new URL(`./testdata/softwareupdate/${name}`, import.meta.url), 'utf8');

describe('parseSoftwareUpdateList', () => {
  it('macOS 10.15+ layout (Salt capture): labels, versions, recommended, restart and shut-down actions', () => {
    expect(parseSoftwareUpdateList(capture('salt-catalina.txt'))).toEqual({
      status: 'found',
      items: [
        { label: 'Command Line Tools beta 5 for Xcode-11.0', title: 'Command Line Tools beta 5 for Xcode', version: '11.0', recommended: true, action: null },
        { label: 'macOS Catalina Developer Beta-6', title: 'macOS Catalina Public Beta', version: '5', recommended: true, action: 'restart' },
        { label: 'BridgeOSUpdateCustomer', title: 'BridgeOSUpdateCustomer', version: '10.15.0.1.1.1560926689', recommended: true, action: 'shut down' },
        { label: 'iCal-1.0.2', title: 'iCal', version: '1.0.2', recommended: false, action: null },
      ],
    });
  });

  it('macOS 10.14 layout (Salt capture): the version is the group before the size, not a parenthesised part of the title', () => {
    const list = parseSoftwareUpdateList(capture('salt-mojave.txt'));
    expect(list.status).toBe('found');
    if (list.status !== 'found') return;
    expect(list.items.map((i) => [i.label, i.version, i.recommended, i.action])).toEqual([
      ['Command Line Tools (macOS Mojave version 10.14) for Xcode-10.3', '10.3', true, null],
      ['macOS 10.14.1 Update', '10.14.1', true, 'restart'],
      ['BridgeOSUpdateCustomer', '10.14.4.1.1.1555388607', true, 'shut down'],
      ['iCal-1.0.2', '1.0.2', false, null],
    ]);
    expect(list.items[0]?.title).toBe('Command Line Tools (macOS Mojave version 10.14) for Xcode');
  });

  it('nothing pending only when the tool says so; CRLF and tab indentation are read alike', () => {
    expect(parseSoftwareUpdateList(capture('no-new-software.txt'))).toEqual({ status: 'none' });
    const tabbed =
      'Software Update Tool\r\n\r\nSoftware Update found the following new or updated software:\r\n* Label: Safari 99.1-X\r\n\tTitle: Safari, Version: 99.1, Size: 1KiB, Recommended: YES,\r\n';
    expect(parseSoftwareUpdateList(tabbed)).toEqual({
      status: 'found',
      items: [{ label: 'Safari 99.1-X', title: 'Safari', version: '99.1', recommended: true, action: null }],
    });
  });

  it('anything else is unrecognised, never "none": an error text, a localised or an empty output, a header without entries', () => {
    for (const text of [
      '',
      'Software Update Tool\n\nFinding available software\n',
      'Logiciel introuvable.\n',
      'Software Update found the following new or updated software:\n',
    ]) {
      expect(parseSoftwareUpdateList(text).status).toBe('unrecognised');
    }
  });
});
