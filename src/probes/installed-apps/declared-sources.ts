/** The `metadataSources` fact: whether each scheme of declared app metadata could be read. */
import type { DeclaredMetadata } from './app.js';

export type MetadataScheme = DeclaredMetadata['scheme'];
export const metadataSchemes: readonly MetadataScheme[] = ['freedesktop', 'appstream', 'debtags', 'macos'];

export interface MetadataSource {
  scheme: MetadataScheme;
  /** `ok`: read (possibly declaring nothing); `absent`: not on this target; `error`: present but not (all) readable. */
  status: 'ok' | 'absent' | 'error';
  detail: string;
}

const notHere = (scheme: MetadataScheme, detail: string): MetadataSource => ({ scheme, status: 'absent', detail });

/** Every scheme, in a fixed order: those given, and the others absent for `why`. */
export const allSchemes = (given: readonly MetadataSource[], why: (scheme: MetadataScheme) => string): MetadataSource[] =>
  metadataSchemes.map((scheme) => given.find((s) => s.scheme === scheme) ?? notHere(scheme, why(scheme)));

export const windowsNoMetadata =
  'Windows declares no app category locally (AppX manifests and Uninstall keys carry none): an app the catalog does not name cannot be classified from local metadata';
