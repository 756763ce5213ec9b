import type { JsonObject } from '../../model.js';
import { defineProbe, ok, type FactSpec } from '../probe.js';
import { linuxReads } from './reads.js';
import { auditd } from './audit.js';
import { journal } from './journal.js';
import type { Scan } from './scan.js';
import { agents, journalUpload, syslog } from './syslog.js';
import { timeSync } from './time.js';

const facts: Record<string, FactSpec> = {
  persistent: {
    type: 'boolean',
    description:
      'System logs survive a reboot: journald keeps its journal on disk (Storage=persistent, or auto with /var/log/journal), or a syslog daemon in use writes log files. Live: the daemon must be running.',
  },
  journalStorage: { type: 'string', description: 'journald Storage= in effect (persistent, auto, volatile, none); null when journald is not installed.' },
  syslogDaemon: {
    type: 'string',
    description: 'The syslog daemon in use (rsyslog or syslog-ng): enabled at boot (at rest) or running (live); null when none.',
  },
  forwarded: {
    type: 'boolean',
    description: 'Logs go to a collector: a syslog daemon in use forwards, systemd-journal-upload is set up, or a log-shipping agent is present.',
  },
  forwardTargets: { type: 'array', description: 'Remote destinations, e.g. tcp://logs.example.lu:6514 or the journal-upload URL.' },
  logAgents: { type: 'array', description: 'Log-shipping agents found by their files (fluent-bit, filebeat, wazuh-agent, ...).' },
  auditd: {
    type: 'object',
    description:
      'Linux audit: installed, enabled (auditd.service), running (live only), rules (rules configured in /etc/audit/rules.d/*.rules, else /etc/audit/audit.rules), kernelEnabled and loadedRules (live as root: auditctl -s / -l).',
  },
  timeSync: { type: 'boolean', description: 'A time synchronisation service is enabled at boot (at rest) or running (live).' },
  timeSyncService: { type: 'string', description: 'Which one: systemd-timesyncd, chrony, ntpsec, ntp or openntpd.' },
  timeServers: { type: 'array', description: 'The servers or pools that service is configured with.' },
  timeSynchronized: {
    type: 'boolean',
    description: 'Live only: the clock is currently synchronised (timedatectl, or timesyncd’s marker file); null when unknown.',
  },
  evidence: { type: 'array', description: 'What was read and what it showed.' },
  reasons: { type: 'array', description: 'Why a fact is false or null.' },
};

const collectLinux = async (scan: Scan): Promise<JsonObject> => {
  const journalFacts = await journal(scan);
  const syslogFacts = await syslog(scan);
  const uploads = await journalUpload(scan);
  const agentNames = await agents(scan);
  const audit = await auditd(scan);
  const time = await timeSync(scan);
  const persistent = journalFacts.persistent || (syslogFacts.daemon !== null && syslogFacts.writesFiles);
  const forwardTargets = [...new Set([...syslogFacts.forwardTargets, ...uploads])];
  const forwarded = forwardTargets.length > 0 || agentNames.length > 0;
  if (!forwarded) scan.reasons.push('no log forwarding found (syslog remote target, systemd-journal-upload or log agent)');
  if (!scan.live) scan.evidence.push('target at rest: services counted when enabled at boot; nothing about running processes');
  return {
    persistent,
    journalStorage: journalFacts.storage,
    syslogDaemon: syslogFacts.daemon,
    forwarded,
    forwardTargets,
    logAgents: agentNames,
    auditd: audit,
    timeSync: time.timeSync,
    timeSyncService: time.timeSyncService,
    timeServers: time.timeServers,
    timeSynchronized: time.timeSynchronized,
    evidence: scan.evidence,
    reasons: [...new Set(scan.reasons)],
  };
};

export const logging = defineProbe({
  id: 'logging',
  title: 'Logging and time',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => {
      const scan: Scan = {
        host,
        live: context.capabilities.live,
        exec: context.capabilities.exec,
        ...(context.shared === undefined ? {} : { shared: context.shared }),
        evidence: [],
        reasons: [],
      };
      return ok(await collectLinux(scan));
    },
  },
});
