import { readText, type Host } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { defineProbe, macosAndWindows, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import {
  cgroupContainerHint,
  dpkgArchMachine,
  elfMachine,
  firstLine,
  isBlockDeviceRoot,
  osReleaseFacts,
  parseOsRelease,
  rootMount,
  ubuntuProFacts,
  type OsReleaseFacts,
  type UbuntuProFacts,
} from './parse.js';

const facts: Record<string, FactSpec> = {
  family: { type: 'string', description: 'Operating system family: linux, macos or windows.' },
  distribution: { type: 'string', description: 'Distribution id from os-release ID (debian, ubuntu, fedora, ...).' },
  distributionName: { type: 'string', description: 'Human-readable name from os-release PRETTY_NAME.' },
  distributionLike: { type: 'array', description: 'Related distribution ids from os-release ID_LIKE.' },
  version: { type: 'string', description: 'Distribution version from os-release VERSION_ID.' },
  versionMajor: {
    type: 'number',
    description: 'Major release as marketed: macOS 14, 15, 26 (10 for every 10.x); Windows 10 or 11 (build >= 22000 is 11); null on Linux.',
  },
  build: { type: 'string', description: "Build number: macOS ProductBuildVersion ('23F79'), Windows CurrentBuild ('22631'); null on Linux." },
  codename: { type: 'string', description: 'Release codename from os-release VERSION_CODENAME.' },
  kernel: { type: 'string', description: 'Running kernel release; null for a target at rest.' },
  displayVersion: { type: 'string', description: "Windows: the feature update as marketed (e.g. '24H2')." },
  edition: { type: 'string', description: "Windows: the edition id (e.g. 'Enterprise', 'Professional')." },
  productType: { type: 'string', description: "Windows: 'workstation', 'domain-controller' or 'server'." },
  updateBuildRevision: { type: 'number', description: 'Windows: the update build revision (UBR) after the build number.' },
  architecture: { type: 'string', description: 'Machine architecture as uname -m spells it (x86_64, aarch64, ...).' },
  hostname: { type: 'string', description: 'Host name of the running system, or the configured one at rest.' },
  isContainer: { type: 'boolean', description: 'The running system is a container; null when it cannot be told.' },
  containerEvidence: { type: 'array', description: 'What made isContainer true (marker files, cgroup paths).' },
  isContainerImage: { type: 'boolean', description: 'The target is an image or filesystem at rest, not a running system.' },
  ubuntuPro: {
    type: 'object',
    description:
      'Ubuntu only: { attached (boolean), enabledServices (sorted names such as esm-infra, esm-apps, esm-infra-legacy) } from ' +
      '/var/lib/ubuntu-advantage/status.json, the cache the Pro client writes; null when the file is absent or unreadable (no evidence of Pro).',
  },
};

const readOsRelease = async (host: Host): Promise<OsReleaseFacts | undefined> => {
  const text = (await readText(host, '/etc/os-release')) ?? (await readText(host, '/usr/lib/os-release'));
  return text === undefined ? undefined : osReleaseFacts(parseOsRelease(text));
};

const readArchitecture = async (host: Host, context: ProbeContext): Promise<string | null> => {
  if (context.capabilities.live) {
    const fromProc = firstLine(await readText(host, '/proc/sys/kernel/arch'));
    if (fromProc !== null) return fromProc;
    if (context.capabilities.exec) {
      const uname = await host.run('uname', ['-m'], { timeoutMs: 5_000 });
      const fromUname = uname.exitCode === 0 ? firstLine(uname.stdout) : null;
      if (fromUname !== null) return fromUname;
    }
  }
  for (const binary of ['/usr/bin/env', '/bin/sh']) {
    const content = await host.readFile(binary);
    const machine = content === undefined ? null : elfMachine(content.subarray(0, 64));
    if (machine !== null) return machine;
  }
  return dpkgArchMachine(await readText(host, '/var/lib/dpkg/arch'));
};

const readHostname = async (host: Host, live: boolean): Promise<string | null> =>
  (live ? firstLine(await readText(host, '/proc/sys/kernel/hostname')) : null) ?? firstLine(await readText(host, '/etc/hostname'));

/**
 * Container markers of a running system. /.dockerenv alone is not trusted when / is a block device
 * mounted at its own root (VMs built from container images keep the file): that makes it null.
 */
const readContainer = async (host: Host): Promise<{ isContainer: boolean | null; evidence: string[] }> => {
  const strong: string[] = [];
  let doubt: string | undefined;
  if ((await host.stat('/.dockerenv')) !== undefined) {
    const mountinfo = await readText(host, '/proc/self/mountinfo');
    const root = mountinfo === undefined ? null : rootMount(mountinfo);
    if (root !== null && isBlockDeviceRoot(root)) {
      doubt = `/.dockerenv exists, but / is ${root.source} (${root.fsType}), a block device: likely left over from an image build`;
    } else {
      strong.push('/.dockerenv exists');
    }
  }
  if ((await host.stat('/run/.containerenv')) !== undefined) strong.push('/run/.containerenv exists');
  const systemd = firstLine(await readText(host, '/run/systemd/container'));
  if (systemd !== null) strong.push(`/run/systemd/container says ${systemd}`);
  const cgroup = await readText(host, '/proc/1/cgroup');
  const runtime = cgroup === undefined ? null : cgroupContainerHint(cgroup);
  if (runtime !== null) strong.push(`/proc/1/cgroup names ${runtime}`);
  const evidence = doubt === undefined ? strong : [doubt, ...strong];
  if (strong.length > 0) return { isContainer: true, evidence };
  return { isContainer: doubt !== undefined || cgroup === undefined ? null : false, evidence };
};

/** Ubuntu Pro's status cache, read on Ubuntu only (the only distribution Pro attaches to). */
const readUbuntuPro = async (host: Host, distribution: string | null): Promise<UbuntuProFacts | null> => {
  if (distribution !== 'ubuntu') return null;
  const text = await readText(host, '/var/lib/ubuntu-advantage/status.json');
  return text === undefined ? null : ubuntuProFacts(text);
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const live = context.capabilities.live;
  const release = await readOsRelease(host);
  const container = live ? await readContainer(host) : { isContainer: null, evidence: [] };
  return {
    family: 'linux',
    distribution: release?.distribution ?? null,
    distributionName: release?.distributionName ?? null,
    distributionLike: release?.distributionLike ?? [],
    version: release?.version ?? null,
    codename: release?.codename ?? null,
    kernel: live ? firstLine(await readText(host, '/proc/sys/kernel/osrelease')) : null,
    architecture: await readArchitecture(host, context),
    hostname: await readHostname(host, live),
    isContainer: container.isContainer,
    containerEvidence: container.evidence,
    isContainerImage: !live,
    ubuntuPro: await readUbuntuPro(host, release?.distribution ?? null),
  };
};

export const os = defineProbe({
  id: 'os',
  title: 'Operating system',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});
