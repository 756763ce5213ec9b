import { readText, type Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import { ok } from '../probe.js';
import { parseTimezone } from './parse.js';

/** Unknown is never a pass: a value that cannot be read is null, and `reasons` says why. */
export const collectLinux = async (host: Host): Promise<ProbeOutcome> => {
  const reasons: string[] = [];
  const text = await readText(host, '/etc/timezone');
  const timezone = text === undefined ? null : parseTimezone(text);
  if (text === undefined) reasons.push('/etc/timezone is absent or cannot be read');
  else if (timezone === null) reasons.push('/etc/timezone names no zone');
  const localtime = (await host.stat('/etc/localtime')) !== undefined;
  return ok({ timezone, localtime, reasons });
};
