import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsOsScript } from './windows.js';
import { windowsMajor, windowsOsFacts } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};
const key = [powershellProgram, ...psArgs(windowsOsScript)].join(' ');

describe('windows os facts', () => {
  it('names Windows 11 from the build (>= 22000), as marketed, though the version says 10.0', () => {
    const facts = windowsOsFacts({
      Caption: 'Microsoft Windows 11 Pro',
      Version: '10.0.22631',
      BuildNumber: '22631',
      OSArchitecture: '64-bit',
      CSName: 'PC1',
      ProductType: 1,
      DisplayVersion: '23H2',
      UBR: 4460,
      EditionID: 'Professional',
      ProcessorArchitecture: 'AMD64',
      Extra: 'ignored',
    });
    expect(facts).toMatchObject({
      family: 'windows',
      distribution: 'windows',
      distributionName: 'Windows 11 Pro 23H2',
      version: '10.0.22631',
      build: '22631',
      versionMajor: 11,
      kernel: '10.0.22631.4460',
      architecture: 'x86_64',
      hostname: 'PC1',
      productType: 'workstation',
      isContainerImage: false,
    });
  });

  it('keeps Windows 10 at 10 and names servers by their year', () => {
    expect(windowsMajor('Microsoft Windows 10 Pro', '10.0.19045', 19045, 'workstation')).toBe(10);
    expect(windowsMajor('Microsoft Windows 11 Pro', '10.0.22000', 22000, 'workstation')).toBe(11);
    expect(windowsMajor('Microsoft Windows Server 2022 Datacenter', '10.0.20348', 20348, 'server')).toBe(2022);
    expect(windowsMajor('Microsoft Windows 8.1 Pro', '6.3.9600', 9600, 'workstation')).toBe(8.1);
  });

  it('reads PowerShell 7 names and localised OSArchitecture without guessing', () => {
    const facts = windowsOsFacts({
      Caption: 'Microsoft Windows 11 Famille',
      Version: '10.0.26100',
      BuildNumber: '26100',
      OSArchitecture: 'ARM 64 bits',
      ProductType: 'workstation',
    });
    expect(facts).toMatchObject({ distributionName: 'Windows 11 Famille', architecture: 'aarch64', versionMajor: 11, productType: 'workstation' });
    expect(windowsOsFacts(null)).toMatchObject({ family: 'windows', version: null, versionMajor: null, build: null });
  });

  it('collects through PowerShell, and says why when it cannot', async () => {
    const host = fakeHost({
      platform: 'windows',
      commands: { [key]: { stdout: '{"Caption":"Microsoft Windows 11 Enterprise","Version":"10.0.26100","BuildNumber":"26100","DisplayVersion":"24H2"}\r\n' } },
    });
    const outcome = await collectWindows(host, context);
    expect(outcome).toMatchObject({ status: 'ok', facts: { distributionName: 'Windows 11 Enterprise 24H2', versionMajor: 11 } });
    expect(await collectWindows(fakeHost(), context)).toMatchObject({ status: 'error' });
    expect(await collectWindows(fakeHost(), { ...context, capabilities: { read: true, exec: false, live: false } })).toMatchObject({ status: 'unsupported' });
  });
});
