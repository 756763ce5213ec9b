/** The os probe on macOS: SystemVersion.plist (live and at rest), uname and hostname when live. */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { plistDict, readPlist } from '../../platform/macos/plist.js';
import { outputLines, runTool, succeeded } from '../../platform/macos/run.js';
import { readSystemVersion } from '../../platform/macos/system-version.js';
import { ok, type ProbeContext } from '../probe.js';
import { configuredHostname, macosRelease } from './macos-parse.js';

export const preferencesPath = '/Library/Preferences/SystemConfiguration/preferences.plist';

const firstOutputLine = async (host: Host, file: string, args: readonly string[]): Promise<string | null> => {
  const result = await runTool(host, file, args);
  return succeeded(result) ? (outputLines(result.stdout)[0]?.trim() ?? null) : null;
};

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  const live = context.capabilities.live && context.capabilities.exec;
  const [system, preferences] = await Promise.all([readSystemVersion(host), readPlist(host, preferencesPath)]);
  const release = macosRelease(system);
  const [kernel, architecture, runningHostname] = live
    ? await Promise.all([firstOutputLine(host, 'uname', ['-r']), firstOutputLine(host, 'uname', ['-m']), firstOutputLine(host, 'hostname', [])])
    : [null, null, null];
  return ok({
    family: 'macos',
    ...release,
    distributionLike: [],
    kernel,
    architecture,
    hostname: runningHostname ?? configuredHostname(plistDict(preferences)),
    isContainer: context.capabilities.live ? false : null,
    containerEvidence: [],
    isContainerImage: !context.capabilities.live,
  });
};
