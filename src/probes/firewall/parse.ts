/** Pure parsers for the small text formats of ufw and firewalld. */

/**
 * Shell-style `KEY=value` assignments (/etc/ufw/ufw.conf, /etc/default/ufw,
 * /etc/firewalld/firewalld.conf): comments and blank lines skipped, one level of quotes removed.
 */
export const parseAssignments = (text: string): Map<string, string> => {
  const values = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match?.[1]) continue;
    let value = (match[2] ?? '').trim();
    const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
    if (quoted) value = quoted[1] ?? '';
    else value = value.replace(/\s+#.*$/, '');
    values.set(match[1], value);
  }
  return values;
};

/** An iptables-style policy word (ufw's DEFAULT_INPUT_POLICY, ufw status "Default:") as deny/allow. */
export const policyDirection = (policy: string | undefined): 'deny' | 'allow' | null => {
  const word = policy?.trim().toLowerCase();
  if (word === 'drop' || word === 'reject' || word === 'deny') return 'deny';
  if (word === 'accept' || word === 'allow') return 'allow';
  return null;
};

export interface UfwStatus {
  active: boolean;
  /** From `Default: deny (incoming), ...`; null when the line is absent (inactive ufw prints none). */
  incoming: 'deny' | 'allow' | null;
}

/** `ufw status verbose` (root only); undefined when the text is not ufw status output. */
export const parseUfwStatus = (text: string): UfwStatus | undefined => {
  const status = /^Status:\s*(active|inactive)\s*$/m.exec(text);
  if (!status) return undefined;
  const incoming = /^Default:\s*(\w+)\s*\(incoming\)/m.exec(text);
  return { active: status[1] === 'active', incoming: policyDirection(incoming?.[1]) };
};

/** `firewall-cmd --state`: 'running' (exit 0), 'not running' (252) or 'failed' (251), per firewall-cmd(1). */
export const parseFirewallCmdState = (stdout: string, exitCode: number): boolean | null => {
  const word = stdout.trim();
  if (word === 'running' && exitCode === 0) return true;
  if (word === 'not running' || word === 'failed' || exitCode === 252 || exitCode === 251) return false;
  return null;
};

/**
 * The `target` attribute of a firewalld zone file's root element: `<zone target="DROP">`.
 * 'default' when the attribute is absent (firewalld's default target, which rejects).
 * Undefined when the text holds no <zone> element.
 */
export const zoneTarget = (xml: string): string | undefined => {
  const root = /<zone\b([^>]*)>/.exec(xml.replace(/<!--[\s\S]*?-->/g, ''));
  if (!root) return undefined;
  const target = /\btarget\s*=\s*(["'])(.*?)\1/.exec(root[1] ?? '');
  return target?.[2] ?? 'default';
};

/** What a zone does with inbound packets no service or port accepts. */
export const zoneDefaultInbound = (zone: string, target: string): 'deny' | 'allow' => (target === 'ACCEPT' || zone === 'trusted' ? 'allow' : 'deny');
