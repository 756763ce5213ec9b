/**
 * What the first round trip of an ssh target fetches, as agent requests: the reads its caller
 * handed over (src/probes/reads.ts gathers them from the probes' `reads`; this folder never looks
 * at the probes). Without any, everything is fetched on demand, correctly but in more round trips.
 * Apt's Packages lists (tens of MB) are declared by no probe and read on demand when asked.
 */
import type { PathRead } from '../prefetch.js';
import type { AgentRequest, RequestOp } from './agent.js';

const ops: Record<PathRead['op'], RequestOp> = { file: 'f', stat: 's', dir: 'd', list: 'l' };

const isPattern = (path: string): boolean => /[*?[]/.test(path) || path === '~' || path.startsWith('~/');

/** Requests already made from a list of reads: every host of an audit is handed the same list. */
const made = new WeakMap<readonly PathRead[], readonly AgentRequest[]>();

/** One agent request per read, in the order given (the same array for the same reads). */
export const agentRequests = (reads: readonly PathRead[]): readonly AgentRequest[] => {
  const known = made.get(reads);
  if (known !== undefined) return known;
  const requests = reads.map(({ op, path, maxBytes }) => {
    const request: AgentRequest = { op: ops[op], path, pattern: isPattern(path) };
    if (maxBytes !== undefined) request.maxBytes = maxBytes;
    return request;
  });
  made.set(reads, requests);
  return requests;
};
