/**
 * The central-management and reporting agents this probe recognises, and where each one shows
 * that it is installed and running. What each one's configuration says is read in configs.ts.
 */

/**
 * mdm: device management (Intune, Landscape); config-management: pushes configuration (Puppet,
 * Chef, Salt, CFEngine, Rudder, ansible-pull); fleet: osquery-based fleet managers (Fleet, Kolide);
 * endpoint: reports to a server without managing the device (Wazuh, an Ubuntu Pro subscription).
 * Only the first three make a machine "enrolled".
 */
export type AgentKind = 'mdm' | 'config-management' | 'fleet' | 'endpoint';

export const managingKinds: ReadonlySet<AgentKind> = new Set(['mdm', 'config-management', 'fleet']);

export interface AgentSpec {
  id: string;
  name: string;
  kind: AgentKind;
  /** Debian package names: installed when /var/lib/dpkg/info/<name>.list exists. */
  packages: readonly string[];
  /** Files or directories that only an installation leaves (RPM, tarball and vendor installs too). */
  paths: readonly string[];
  /** systemd units that run it. */
  units: readonly string[];
  /** Process names (comm / argv[0] / exe basename) of the running agent. */
  processes: readonly string[];
  /**
   * Listed when only its package or binary is there. False for tools that are also used by hand
   * (ansible-core): those are listed only when something schedules them.
   */
  listWhenOnlyInstalled?: boolean;
}

export const agentSpecs: readonly AgentSpec[] = [
  {
    id: 'intune',
    name: 'Microsoft Intune',
    kind: 'mdm',
    packages: ['intune-portal', 'microsoft-identity-broker'],
    paths: ['/opt/microsoft/intune/bin/intune-portal', '/opt/microsoft/intune', '/opt/microsoft/identity-broker'],
    units: ['intune-daemon.service', 'microsoft-identity-device-broker.service'],
    processes: ['intune-daemon', 'intune-agent', 'intune-portal', 'microsoft-identity-device-broker'],
  },
  {
    id: 'landscape',
    name: 'Canonical Landscape',
    kind: 'mdm',
    packages: ['landscape-client'],
    paths: ['/usr/bin/landscape-client', '/usr/bin/landscape-config'],
    units: ['landscape-client.service'],
    processes: ['landscape-client', 'landscape-broker', 'landscape-manager', 'landscape-monitor'],
  },
  {
    id: 'puppet',
    name: 'Puppet agent',
    kind: 'config-management',
    packages: ['puppet-agent', 'puppet'],
    paths: ['/opt/puppetlabs/bin/puppet', '/opt/puppetlabs/puppet/bin/puppet', '/usr/bin/puppet'],
    units: ['puppet.service', 'pxp-agent.service'],
    processes: ['puppet'],
  },
  {
    id: 'chef',
    name: 'Chef Infra Client',
    kind: 'config-management',
    packages: ['chef', 'cinc'],
    paths: ['/opt/chef/bin/chef-client', '/opt/cinc/bin/cinc-client', '/usr/bin/chef-client'],
    units: ['chef-client.service', 'chef-client.timer', 'cinc-client.service', 'cinc-client.timer'],
    processes: ['chef-client', 'cinc-client'],
  },
  {
    id: 'salt',
    name: 'Salt minion',
    kind: 'config-management',
    packages: ['salt-minion'],
    paths: ['/usr/bin/salt-minion', '/opt/saltstack/salt/salt-minion'],
    units: ['salt-minion.service'],
    processes: ['salt-minion'],
  },
  {
    id: 'ansible-pull',
    name: 'Ansible (ansible-pull)',
    kind: 'config-management',
    packages: ['ansible-core', 'ansible'],
    paths: ['/usr/bin/ansible-pull', '/usr/local/bin/ansible-pull'],
    units: ['ansible-pull.service', 'ansible-pull.timer'],
    processes: ['ansible-pull'],
    listWhenOnlyInstalled: false,
  },
  {
    id: 'cfengine',
    name: 'CFEngine',
    kind: 'config-management',
    packages: ['cfengine3', 'cfengine-community', 'cfengine-nova'],
    paths: ['/var/cfengine/bin/cf-agent', '/usr/bin/cf-agent', '/usr/sbin/cf-agent'],
    units: ['cfengine3.service', 'cf-execd.service'],
    processes: ['cf-execd', 'cf-serverd', 'cf-monitord'],
  },
  {
    id: 'rudder',
    name: 'Rudder agent',
    kind: 'config-management',
    packages: ['rudder-agent'],
    paths: ['/opt/rudder/bin/rudder', '/opt/rudder'],
    units: ['rudder-agent.service', 'rudder-cf-execd.service'],
    processes: ['rudder-agent', 'cf-execd'],
  },
  {
    id: 'fleet',
    name: 'Fleet (fleetd / orbit)',
    kind: 'fleet',
    packages: ['fleet-osquery'],
    paths: ['/opt/orbit/bin/orbit/orbit', '/opt/orbit'],
    units: ['orbit.service'],
    processes: ['orbit'],
  },
  {
    id: 'osquery',
    name: 'osquery (remote TLS server)',
    kind: 'fleet',
    packages: ['osquery'],
    paths: ['/usr/bin/osqueryd', '/opt/osquery/bin/osqueryd'],
    units: ['osqueryd.service'],
    processes: ['osqueryd'],
  },
  {
    id: 'kolide',
    name: 'Kolide launcher',
    kind: 'fleet',
    packages: ['launcher-kolide-k2'],
    paths: ['/usr/local/kolide-k2/bin/launcher', '/usr/local/kolide-k2'],
    units: ['launcher.kolide-k2.service'],
    processes: ['launcher'],
  },
  {
    id: 'wazuh',
    name: 'Wazuh agent',
    kind: 'endpoint',
    packages: ['wazuh-agent'],
    paths: ['/var/ossec/bin/wazuh-agentd', '/var/ossec/bin/wazuh-control'],
    units: ['wazuh-agent.service'],
    processes: ['wazuh-agentd'],
  },
  {
    id: 'ubuntu-pro',
    name: 'Ubuntu Pro',
    kind: 'endpoint',
    packages: ['ubuntu-pro-client', 'ubuntu-advantage-tools'],
    paths: ['/usr/bin/pro'],
    units: [],
    processes: [],
  },
];
