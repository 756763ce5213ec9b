/**
 * systemd units read from the filesystem, so the same answer comes from a live machine, a root
 * filesystem or an image: enablement from the `*.wants`/`*.requires` symlinks systemctl writes,
 * masking from links to /dev/null, and (live only) activity from the markers systemd keeps under
 * /run. Nothing here runs systemctl.
 */
import type { Host } from '../../hosts/host.js';
import { shared, type SharedContext } from '../run-shared.js';

/** Where `systemctl enable` writes, and where packages ship static enablement. */
const configDirs = ['/etc/systemd/system', '/run/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];
const unitDirs = ['/etc/systemd/system', '/run/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

export interface UnitState {
  unit: string;
  /** A unit file for it exists (or an instance template does). */
  installed: boolean;
  /** Linked into some target's .wants/.requires (or an alias of such a unit). */
  enabled: boolean;
  /** Linked to /dev/null in /etc or /run: can never start. */
  masked: boolean;
  /** Targets (or units) that pull it in, e.g. `multi-user.target`. */
  wantedBy: string[];
  /** Paths that showed the answer. */
  evidence: string[];
}

interface WantsIndex {
  /** unit name → the `.wants`/`.requires` directories that link it. */
  links: Map<string, string[]>;
  /** The names in each directory that could be listed: a unit not among them has no file there. */
  names: Map<string, ReadonlySet<string>>;
}

const buildIndex = async (host: Host): Promise<WantsIndex> => {
  const links = new Map<string, string[]>();
  const names = new Map<string, ReadonlySet<string>>();
  for (const dir of configDirs) {
    const entries = await host.readDir(dir);
    if (entries === undefined) continue;
    names.set(dir, new Set(entries));
    const wantDirs = entries.filter((name) => name.endsWith('.wants') || name.endsWith('.requires'));
    const listed = await Promise.all(wantDirs.map(async (name) => ({ name, units: (await host.readDir(`${dir}/${name}`)) ?? [] })));
    for (const { name, units } of listed) {
      for (const unit of units) {
        const where = links.get(unit) ?? [];
        where.push(`${dir}/${name}`);
        links.set(unit, where);
      }
    }
  }
  return { links, names };
};

/**
 * One scan of the .wants directories per run, held by the run (../run-shared.ts) and shared by every
 * probe that asks; what it could not read is noted for each of them. Without a run, scanned for
 * this caller alone.
 */
const wantsIndex = (host: Host, context: SharedContext): Promise<WantsIndex> => shared(host, context, { key: 'systemd-wants-index', run: buildIndex });

const templateOf = (unit: string): string | undefined => {
  const match = /^([^@]+)@[^.]*(\.[a-z]+)$/.exec(unit);
  return match ? `${match[1]}@${match[2]}` : undefined;
};

/**
 * What the filesystem says about one unit (e.g. `ufw.service`, `apt-daily-upgrade.timer`). Give the
 * probe's context (or the part holding its run's `shared`): the .wants index is then scanned once
 * per run, not once per call.
 */
export const unitState = async (host: Host, unit: string, context: SharedContext = {}): Promise<UnitState> => {
  const evidence: string[] = [];
  let masked = false;
  let installed = false;
  const index = await wantsIndex(host, context);
  /** False when the directory was listed without the name: no link, no file to look at (most units are in one directory, or none). */
  const mayHold = (dir: string, name: string): boolean => name.includes('/') || (index.names.get(dir)?.has(name) ?? true);
  for (const dir of unitDirs) {
    if (!mayHold(dir, unit)) continue;
    const path = `${dir}/${unit}`;
    const link = await host.readLink(path);
    if (link === '/dev/null' && (dir === '/etc/systemd/system' || dir === '/run/systemd/system')) {
      masked = true;
      evidence.push(`${path} -> /dev/null (masked)`);
      continue;
    }
    if (!installed && (await host.stat(path)) !== undefined) installed = true;
  }
  const template = templateOf(unit);
  if (!installed && template !== undefined) {
    for (const dir of unitDirs) if (mayHold(dir, template) && (await host.stat(`${dir}/${template}`)) !== undefined) installed = true;
  }
  const wantDirs = index.links.get(unit) ?? [];
  const wantedBy = [...new Set(wantDirs.map((dir) => dir.slice(dir.lastIndexOf('/') + 1).replace(/\.(wants|requires)$/, '')))].sort();
  for (const dir of wantDirs) evidence.push(`${dir}/${unit}`);
  return { unit, installed, enabled: wantDirs.length > 0 && !masked, masked, wantedBy, evidence };
};

/**
 * Whether systemd is the running init (live systems only): it creates /run/systemd/system at boot.
 * Undefined when the target is not live.
 */
export const systemdRunning = async (host: Host): Promise<boolean> => (await host.stat('/run/systemd/system'))?.type === 'directory';

/**
 * Live only: whether systemd reports the unit active right now. systemd keeps a symlink
 * /run/systemd/units/invocation:<unit> for every unit that has an invocation (started, not yet
 * stopped). Null when systemd is not the running init (containers, chroots): ask the process list.
 */
export const unitActive = async (host: Host, unit: string): Promise<boolean | null> => {
  if (!(await systemdRunning(host))) return null;
  return (await host.readLink(`/run/systemd/units/invocation:${unit}`)) !== undefined;
};
