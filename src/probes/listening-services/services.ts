/**
 * Well-known network services: which process names and ports belong to which service, and its
 * category. Matching is by process name first (a postgres on port 5433 is still PostgreSQL), then
 * by port (the owner may be unknown without root, or be a container proxy such as docker-proxy).
 */

export const serviceCategories = ['database', 'file-sharing', 'remote-access', 'web', 'mail', 'directory', 'other'] as const;
export type ServiceCategory = (typeof serviceCategories)[number];

/** A port or an inclusive range [first, last]. A single port beats a range that holds it (5938 TeamViewer inside 5900-5999 VNC). */
export type PortSpec = number | readonly [number, number];

export interface ServiceEntry {
  service: string;
  category: ServiceCategory;
  /**
   * Process names (/proc/<pid>/comm) that identify the service on any port. Left out for services
   * run by a generic runtime (java, beam.smp, python3) or by several programs: those match by port.
   */
  processes?: readonly string[];
  ports: readonly PortSpec[];
}

/** The kernel keeps at most 15 bytes of a process name (TASK_COMM_LEN - 1). */
const commLength = 15;

export const services: readonly ServiceEntry[] = [
  // database
  { service: 'mysql', category: 'database', processes: ['mysqld', 'mariadbd'], ports: [3306, 33060] },
  { service: 'postgresql', category: 'database', processes: ['postgres', 'postmaster'], ports: [5432] },
  { service: 'mongodb', category: 'database', processes: ['mongod', 'mongos'], ports: [27017] },
  { service: 'redis', category: 'database', processes: ['redis-server', 'valkey-server'], ports: [6379] },
  { service: 'elasticsearch', category: 'database', ports: [9200, 9300] }, // java (also OpenSearch)
  { service: 'mssql', category: 'database', processes: ['sqlservr'], ports: [1433] },
  { service: 'oracle', category: 'database', processes: ['tnslsnr'], ports: [1521] },
  { service: 'couchdb', category: 'database', ports: [5984] }, // beam.smp (Erlang VM, also RabbitMQ)
  { service: 'cassandra', category: 'database', ports: [9042] }, // java
  { service: 'influxdb', category: 'database', processes: ['influxd'], ports: [8086] },
  { service: 'neo4j', category: 'database', ports: [7474, 7687] }, // java
  { service: 'memcached', category: 'database', processes: ['memcached'], ports: [11211] },
  { service: 'clickhouse', category: 'database', processes: ['clickhouse-server', 'clickhouse'], ports: [8123, 9000] },
  // file-sharing
  { service: 'smb', category: 'file-sharing', processes: ['smbd'], ports: [445, 139] },
  { service: 'netbios', category: 'file-sharing', processes: ['nmbd'], ports: [137, 138] },
  { service: 'nfs', category: 'file-sharing', processes: ['nfsd', 'ganesha.nfsd'], ports: [2049] },
  { service: 'rpcbind', category: 'file-sharing', processes: ['rpcbind', 'portmap'], ports: [111] },
  { service: 'mountd', category: 'file-sharing', processes: ['rpc.mountd', 'mountd'], ports: [20048] },
  { service: 'ftp', category: 'file-sharing', processes: ['vsftpd', 'proftpd', 'pure-ftpd'], ports: [21] },
  { service: 'tftp', category: 'file-sharing', processes: ['in.tftpd', 'tftpd', 'atftpd'], ports: [69] },
  { service: 'rsync', category: 'file-sharing', processes: ['rsync'], ports: [873] },
  { service: 'afp', category: 'file-sharing', processes: ['afpd', 'netatalk'], ports: [548] },
  { service: 'wsdd', category: 'file-sharing', processes: ['wsdd', 'wsdd2'], ports: [3702] },
  // remote-access
  { service: 'ssh', category: 'remote-access', processes: ['sshd', 'dropbear'], ports: [22] },
  { service: 'rdp', category: 'remote-access', processes: ['xrdp', 'gnome-remote-desktop-daemon'], ports: [3389] },
  {
    service: 'vnc',
    category: 'remote-access',
    processes: ['Xvnc', 'Xtigervnc', 'x11vnc', 'vino-server', 'wayvnc', 'krfb'],
    ports: [[5900, 5999]],
  },
  { service: 'x11', category: 'remote-access', processes: ['Xorg', 'X', 'Xwayland'], ports: [[6000, 6063]] },
  { service: 'teamviewer', category: 'remote-access', processes: ['teamviewerd'], ports: [5938] },
  { service: 'anydesk', category: 'remote-access', processes: ['anydesk'], ports: [7070] },
  { service: 'rustdesk', category: 'remote-access', processes: ['rustdesk', 'hbbs', 'hbbr'], ports: [[21115, 21119]] },
  { service: 'winrm', category: 'remote-access', processes: ['omiserver'], ports: [5985, 5986] },
  // Docker's API socket on TCP is root on the host for whoever reaches it. Port only: dockerd also
  // owns published container ports, which must keep their own service.
  { service: 'docker-api', category: 'remote-access', ports: [2375, 2376] },
  // web
  { service: 'http', category: 'web', processes: ['nginx', 'apache2', 'httpd', 'lighttpd', 'caddy'], ports: [80, 443, 8080, 8443] },
  // mail
  { service: 'smtp', category: 'mail', processes: ['exim4', 'exim', 'sendmail', 'smtpd'], ports: [25, 465, 587] },
  { service: 'imap', category: 'mail', processes: ['dovecot'], ports: [143, 993] },
  { service: 'pop3', category: 'mail', processes: ['dovecot'], ports: [110, 995] },
  // directory
  { service: 'ldap', category: 'directory', processes: ['slapd'], ports: [389, 636] },
  { service: 'kerberos', category: 'directory', processes: ['krb5kdc'], ports: [88] },
  // other
  { service: 'dns', category: 'other', processes: ['named', 'dnsmasq', 'unbound', 'systemd-resolved'], ports: [53] },
  { service: 'ipp', category: 'other', processes: ['cupsd'], ports: [631] },
  { service: 'mdns', category: 'other', processes: ['avahi-daemon'], ports: [5353] },
];

const inRange = (port: number, spec: PortSpec): boolean => (typeof spec === 'number' ? port === spec : port >= spec[0] && port <= spec[1]);

const byProcess = new Map<string, ServiceEntry[]>();
for (const entry of services) {
  for (const name of entry.processes ?? []) {
    const key = name.slice(0, commLength);
    byProcess.set(key, [...(byProcess.get(key) ?? []), entry]);
  }
}

const servesPort = (entry: ServiceEntry, port: number): boolean => entry.ports.some((spec) => inRange(port, spec));

export interface ServiceMatch {
  service: string | null;
  /** null: the owning process is unknown and the port names no service, so it could be anything (a database on a moved port). */
  category: ServiceCategory | null;
}

/**
 * The service a socket belongs to, by its process name (comm) first, then by its port (a single
 * port before a range); 'other' when unknown. A process that serves several entries (dovecot: IMAP
 * and POP3) picks the one of its port.
 */
/**
 * The service behind a socket. `ownerKnown` is false when a process owns the socket but could not be
 * identified (another user's process read without root): a port that names no service then leaves
 * the category unknown, not `other`, since a database moved to another port would look the same.
 */
export const classifyService = (process: string | null, port: number, ownerKnown = process !== null): ServiceMatch => {
  const byName = process === null ? [] : (byProcess.get(process.slice(0, commLength)) ?? []);
  const entry =
    byName.find((candidate) => servesPort(candidate, port)) ??
    byName[0] ??
    services.find((candidate) => candidate.ports.includes(port)) ??
    services.find((candidate) => servesPort(candidate, port));
  if (entry === undefined) return { service: null, category: ownerKnown ? 'other' : null };
  return { service: entry.service, category: entry.category };
};
