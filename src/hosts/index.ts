import { didYouMeanSuffix } from '../did-you-mean.js';
import { UsageError } from '../errors.js';
import type { Host, HostContext, HostKind } from './host.js';
import { targetKinds, type TargetKindText } from './kinds.js';
import { localHost } from './local.js';

/**
 * A host kind whose code is loaded when a target of that kind is opened: a check of this machine
 * does not compile the ssh client, the image reader or the snapshot format (with its schema
 * validators), some 300 KB of bundled code.
 */
const onDemand = ({ kind, argument, describe }: TargetKindText, load: () => Promise<HostKind>): HostKind => ({
  kind,
  describe,
  ...(argument === undefined ? {} : { argument }),
  create: async (given, context) => (await load()).create(given, context),
});

/** Every kind of target, by the prefix of its target string. Key = kind = file name. */
export const hostKinds = {
  local: localHost,
  replay: onDemand(targetKinds.replay, async () => (await import('./replay.js')).replayHost),
  root: onDemand(targetKinds.root, async () => (await import('./root.js')).rootHost),
  image: onDemand(targetKinds.image, async () => (await import('./image/index.js')).imageHost),
  snapshot: onDemand(targetKinds.snapshot, async () => (await import('./snapshot.js')).snapshotHost),
  ssh: onDemand(targetKinds.ssh, async () => (await import('./ssh/index.js')).sshHost),
} satisfies Record<string, HostKind>;

export type HostKindName = keyof typeof hostKinds;

/** `kind` or `kind:argument`: the kind is everything before the first colon. */
export function parseTarget(target: string): { kind: string; argument: string | undefined } {
  const colon = target.indexOf(':');
  if (colon === -1) return { kind: target, argument: undefined };
  return { kind: target.slice(0, colon), argument: target.slice(colon + 1) };
}

const kindOf = (kind: string): HostKind | undefined => (Object.hasOwn(hostKinds, kind) ? (hostKinds as Record<string, HostKind>)[kind] : undefined);

/** How a kind is written on the command line: `local`, `replay:DIR`. */
export const targetSyntax = (kind: HostKind): string => (kind.argument === undefined ? kind.kind : `${kind.kind}:${kind.argument}`);

/** Open the host a target string names. Throws UsageError for an unknown kind or a bad argument. */
export async function openHost(target: string, context: HostContext): Promise<Host> {
  const { kind, argument } = parseTarget(target);
  const hostKind = kindOf(kind);
  if (hostKind === undefined) {
    const known = Object.values(hostKinds).map(targetSyntax).join(', ');
    throw new UsageError(`unknown target "${target}": expected one of ${known}${didYouMeanSuffix(kind, Object.keys(hostKinds))}`);
  }
  if (hostKind.argument === undefined && argument !== undefined) {
    throw new UsageError(`the ${kind} target takes no argument: write "${kind}", not "${target}"`);
  }
  if (hostKind.argument !== undefined && (argument === undefined || argument === '')) {
    throw new UsageError(`the ${kind} target needs an argument: ${targetSyntax(hostKind)}`);
  }
  return hostKind.create(argument, context);
}
