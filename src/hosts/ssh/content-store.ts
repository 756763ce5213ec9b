/**
 * Big file contents already received from some host of this process, by SHA-256 digest: a fleet of
 * machines refreshed from the same mirror holds the same apt lists (tens of MB each), which then
 * cross the network and get decoded once per audit instead of once per host (see agent.ts: the
 * agent answers `same` for a content whose digest the batch lists). Bounded: the least recently
 * used contents are dropped beyond `maxBytes`. The Buffers are shared between hosts: read only.
 * A digest a remote side claims is checked here before the content is kept: a host cannot make
 * another host's answer into its own bytes.
 */
import { createHash } from 'node:crypto';

const maxBytes = 256 * 1024 * 1024;

const contents = new Map<string, Buffer>();
let total = 0;

/** The digests held now, each with its content (kept alive by the caller for one batch). */
export const heldContents = (): Map<string, Buffer> => new Map(contents);

export const recall = (digest: string): Buffer | undefined => {
  const content = contents.get(digest);
  if (content !== undefined) {
    contents.delete(digest);
    contents.set(digest, content);
  }
  return content;
};

/** Keep `content` under its claimed digest when the digest is right; returns the content to use. */
export const remember = (digest: string, content: Buffer): Buffer => {
  const known = recall(digest);
  if (known !== undefined && known.equals(content)) return known;
  if (known !== undefined || content.length > maxBytes) return content;
  if (createHash('sha256').update(content).digest('hex') !== digest) return content;
  contents.set(digest, content);
  total += content.length;
  for (const [oldest, buffer] of contents) {
    if (total <= maxBytes) break;
    contents.delete(oldest);
    total -= buffer.length;
  }
  return content;
};
