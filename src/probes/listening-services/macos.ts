/**
 * listening-services on macOS: `lsof -nP -iTCP -sTCP:LISTEN -FpcuLPtn` and `lsof -nP -iUDP
 * -FpcuLPtn` (field output: full command names, unambiguous parsing). UDP sockets with a peer
 * (`->`) are connected, not listening, and are left out. Services and categories come from the
 * same table as on Linux (services.ts).
 *
 * Without root, lsof shows the caller's own processes only: other users' and system daemons'
 * sockets are then missing, so the lists are marked incomplete (processesResolved false) and the
 * reason says to run as root. `lsof` exits 1 when nothing matches; with no output that is an empty list.
 */
import type { Host, RunResult } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { failure, outputLines, runTool } from '../../platform/macos/run.js';
import { ok, unsupported, type ProbeContext } from '../probe.js';
import { parseLsofFields, type LsofSocket } from './macos-parse.js';
import { isExposed } from './parse.js';
import { classifyService } from './services.js';

export const lsofTcpArgs = ['-nP', '-iTCP', '-sTCP:LISTEN', '-FpcuLPtn'] as const;
export const lsofUdpArgs = ['-nP', '-iUDP', '-FpcuLPtn'] as const;

const usable = (result: RunResult): boolean =>
  result.spawnError === undefined && !result.timedOut && (result.exitCode === 0 || (result.exitCode === 1 && result.stdout.trim() === ''));

const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.live) return unsupported('listening sockets exist only on a running system');
  if (!context.capabilities.exec) return unsupported('listing sockets on macOS needs lsof, and commands cannot be run on this target');
  const [tcp, udp, id] = await Promise.all([runTool(host, 'lsof', lsofTcpArgs), runTool(host, 'lsof', lsofUdpArgs), runTool(host, 'id', ['-u'])]);
  const reasons: string[] = [];
  if (!usable(tcp)) {
    return ok({
      sockets: null,
      exposed: null,
      processesResolved: null,
      reasons: [`${failure(`lsof ${lsofTcpArgs.join(' ')}`, tcp)}: the sockets of this system are unknown`],
    });
  }
  const rows: LsofSocket[] = parseLsofFields(tcp.stdout);
  if (usable(udp)) rows.push(...parseLsofFields(udp.stdout).filter((row) => !row.connected && row.port !== 0));
  else reasons.push(`${failure(`lsof ${lsofUdpArgs.join(' ')}`, udp)}: UDP sockets unknown`);
  const uid = id.exitCode === 0 ? Number(outputLines(id.stdout)[0]) : Number.NaN;
  const root = uid === 0;
  if (!root) {
    reasons.push(
      Number.isNaN(uid)
        ? 'whether lsof ran as root is unknown: sockets of other users\u2019 processes may be missing'
        : `lsof ran as uid ${uid}, not root: only that user\u2019s sockets are listed (run as root to see every process)`,
    );
  }
  const seen = new Set<string>();
  const sockets: JsonObject[] = [];
  const sorted = [...rows].sort(
    (a, b) => byText(a.protocol, b.protocol) || a.port - b.port || byText(a.address, b.address) || byText(a.family, b.family) || a.pid - b.pid,
  );
  for (const row of sorted) {
    const { service, category } = classifyService(row.command, row.port);
    const socket: JsonObject = {
      protocol: row.protocol,
      family: row.family,
      address: row.address,
      port: row.port,
      exposed: isExposed(row.address),
      process: row.command,
      pid: row.pid,
      user: row.login,
      service,
      category,
      socketUid: row.uid,
      socketUser: row.login,
    };
    const key = JSON.stringify(socket);
    if (seen.has(key)) continue;
    seen.add(key);
    sockets.push(socket);
  }
  reasons.unshift(`${sockets.length} listening socket${sockets.length === 1 ? '' : 's'} from lsof`);
  return ok({ sockets, exposed: sockets.filter((s) => s.exposed === true), processesResolved: root, reasons });
};
