import { UsageError } from '../../errors.js';

/** Where an `ssh:` target points: `[user@]host[:port]`, `[user@][v6addr][:port]`. */
export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
}

const hostPattern = /^[A-Za-z0-9_.%-]+$/;
const v6Pattern = /^[0-9A-Fa-f:.%A-Za-z0-9_-]+$/;
const userPattern = /^[A-Za-z0-9_.][A-Za-z0-9_.@-]*$/;

const parsePort = (text: string, target: string): number => {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(`ssh target "${target}": the port must be a number from 1 to 65535, not "${text}"`);
  }
  return port;
};

/**
 * Parse the argument of `ssh:`. Refuses anything ssh could take for an option (a leading `-`) and any
 * character that has no business in a host or user name, so the value can go to ssh's argv as is.
 */
export const parseSshTarget = (argument: string): SshTarget => {
  const at = argument.lastIndexOf('@');
  const user = at === -1 ? undefined : argument.slice(0, at);
  const rest = at === -1 ? argument : argument.slice(at + 1);
  if (user !== undefined && !userPattern.test(user)) {
    throw new UsageError(`ssh target "${argument}": "${user}" is not a valid user name`);
  }
  let host: string;
  let port: number | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) throw new UsageError(`ssh target "${argument}": missing "]" after the IPv6 address`);
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) throw new UsageError(`ssh target "${argument}": unexpected "${after}" after "]"`);
      port = parsePort(after.slice(1), argument);
    }
    if (!v6Pattern.test(host) || !host.includes(':')) {
      throw new UsageError(`ssh target "${argument}": "${host}" is not an IPv6 address`);
    }
  } else {
    const colon = rest.indexOf(':');
    host = colon === -1 ? rest : rest.slice(0, colon);
    if (colon !== -1) port = parsePort(rest.slice(colon + 1), argument);
    if (!hostPattern.test(host) || host.startsWith('-') || host.startsWith('.')) {
      throw new UsageError(`ssh target "${argument}": "${host}" is not a valid host name or address`);
    }
  }
  const target: SshTarget = { host };
  if (user !== undefined) target.user = user;
  if (port !== undefined) target.port = port;
  return target;
};

/** `user@host:port` for display. */
export const formatSshTarget = (target: SshTarget): string =>
  `${target.user === undefined ? '' : `${target.user}@`}${target.host.includes(':') ? `[${target.host}]` : target.host}${target.port === undefined ? '' : `:${target.port}`}`;
