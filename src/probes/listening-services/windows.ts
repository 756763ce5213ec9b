/** listening-services on Windows: TCP listeners and UDP endpoints with their owning processes. */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { isObject } from '../../platform/windows/json.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { windowsSockets } from './windows-parse.js';

export const windowsListeningScript = psScript(`
$names = @{}
foreach ($p in Get-Process) { $names[[string]$p.Id] = $p.ProcessName }
$tcp = @(foreach ($c in Get-NetTCPConnection -State Listen -ErrorAction SilentlyContinue) { [pscustomobject]@{ LocalAddress = $c.LocalAddress; LocalPort = $c.LocalPort; OwningProcess = $c.OwningProcess; process = $names[[string]$c.OwningProcess] } })
$udp = @(foreach ($c in Get-NetUDPEndpoint -ErrorAction SilentlyContinue) { [pscustomobject]@{ LocalAddress = $c.LocalAddress; LocalPort = $c.LocalPort; OwningProcess = $c.OwningProcess; process = $names[[string]$c.OwningProcess] } })
$r = [ordered]@{ tcp = $tcp; udp = $udp }`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec || !context.capabilities.live) return unsupported('listening sockets exist only on a running system');
  const answer = await runPowerShell(host, 'Get-NetTCPConnection and Get-NetUDPEndpoint', windowsListeningScript);
  if (!answer.ok) return failed(answer.reason);
  const o = isObject(answer.value) ? answer.value : {};
  const sockets = windowsSockets([
    { protocol: 'tcp', rows: o.tcp ?? null },
    { protocol: 'udp', rows: o.udp ?? null },
  ]);
  const unresolved = sockets.filter((s) => s.process === null).length;
  return ok({
    sockets: sockets.map((s) => ({ ...s })),
    exposed: sockets.filter((s) => s.exposed).map((s) => ({ ...s })),
    processesResolved: unresolved === 0,
    reasons: [
      `${sockets.length} listening socket(s) from Get-NetTCPConnection -State Listen and Get-NetUDPEndpoint; process names from Get-Process`,
      ...(unresolved > 0 ? [`${unresolved} socket(s) whose owning process had exited or could not be named`] : []),
    ],
  });
};
