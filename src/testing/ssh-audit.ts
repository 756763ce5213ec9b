/**
 * `charter audit --inventory` against real OpenSSH servers on loopback (sshd.ts), in-process: the
 * set-up the ssh audit tests share. A work directory, the servers, and `audit(inventory, extra)`
 * that writes the inventory, runs the audit with the servers' identity and known hosts, ssh's own
 * configuration left out (`--ssh-config /dev/null`), and reads the JSON fleet report back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { run } from '../cli/main.js';
import type { AuditReport } from '../fleet/model.js';
import { memoryIo } from './memory-io.js';
import { startLoopbackSshd, type LoopbackSshd, type LoopbackSshdOptions } from './sshd.js';

export interface SshAuditRun {
  code: number;
  /** Wall time of the audit, in ms. */
  ms: number;
  err: string;
  report: AuditReport;
}

export interface SshAuditSetup {
  sshd: LoopbackSshd;
  /** The audits' working directory (inventory and reports), removed by stop(). */
  work: string;
  /** The user every inventory line logs in as (the one running the tests). */
  user: string;
  /** `user@127.0.0.1:port` for each server. */
  lines(): string[];
  /**
   * Runs the audit of `inventory` (its text). `extra` arguments come last; `identity`, `knownHosts`
   * and `connectTimeout` replace the defaults (the servers' own files, 2 s); the report is `output`.
   */
  audit(
    inventory: string,
    extra?: readonly string[],
    options?: { identity?: string; knownHosts?: string; connectTimeout?: number; output?: string },
  ): Promise<SshAuditRun>;
  stop(): Promise<void>;
}

export const sshAuditSetup = async (ports: number, prefix: string, sshdOptions: LoopbackSshdOptions = {}): Promise<SshAuditSetup> => {
  const sshd = await startLoopbackSshd(ports, sshdOptions);
  const work = mkdtempSync(join(tmpdir(), prefix));
  const user = userInfo().username;
  return {
    sshd,
    work,
    user,
    lines: () => sshd.ports.map((port) => `${user}@127.0.0.1:${String(port)}`),
    audit: async (inventory, extra = [], options = {}) => {
      writeFileSync(join(work, 'inventory'), inventory);
      const output = options.output ?? 'fleet.json';
      const io = memoryIo({ cwd: work });
      const started = Date.now();
      const code = await run(
        [
          'audit',
          '--inventory',
          'inventory',
          '--identity',
          options.identity ?? sshd.identityFile,
          '--known-hosts',
          options.knownHosts ?? sshd.knownHostsFile,
          '--ssh-config',
          '/dev/null',
          '--connect-timeout',
          String(options.connectTimeout ?? 2),
          '--format',
          'json',
          '--output',
          output,
          ...extra,
        ],
        io,
      );
      const ms = Date.now() - started;
      return { code, ms, err: io.err(), report: JSON.parse(readFileSync(join(work, output), 'utf8')) as AuditReport };
    },
    stop: async () => {
      await sshd.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
};
