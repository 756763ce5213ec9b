/** firewall on Windows: Windows Defender Firewall profiles through Get-NetFirewallProfile, and MpsSvc. */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { windowsFirewallFacts } from './windows-parse.js';

/**
 * A function's output is re-enumerated by its caller: `Profiles` answering no profile gives $null,
 * one profile a lone object. `@(...)` around each call keeps a list, so an empty answer reads as
 * "no profile in the answer", not as a failed call (found running the script under pwsh with stubs).
 */
export const windowsFirewallScript = psScript(`
function Profiles($store) {
  @(foreach ($p in $(if ($store) { Get-NetFirewallProfile -PolicyStore $store } else { Get-NetFirewallProfile })) {
    [pscustomobject]@{ Name = $p.Name; Enabled = $p.Enabled; DefaultInboundAction = $p.DefaultInboundAction; DefaultOutboundAction = $p.DefaultOutboundAction }
  })
}
$active = $null; $activeError = $null; $local = $null; $service = $null
try { $active = @(Profiles 'ActiveStore') } catch { $activeError = $_.Exception.Message }
try { $local = @(Profiles $null) } catch { }
try { $service = [string](Get-Service -Name MpsSvc).Status } catch { }
$r = [ordered]@{ active = $active; activeError = $activeError; local = $local; service = $service }`);

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec) return unsupported('on Windows the firewall state is read through PowerShell, which cannot run on this target');
  const answer = await runPowerShell(host, 'Get-NetFirewallProfile', windowsFirewallScript);
  if (!answer.ok) return failed(answer.reason);
  return ok(windowsFirewallFacts(answer.value));
};
