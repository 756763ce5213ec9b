/** The single executable's table of contents (asset manifest.json, written by scripts/package.mjs). */
export interface SeaManifest {
  name: string;
  version: string;
  /** Shipped files, '/'-separated and relative to the package root; each is asset `file:<path>`. */
  files: string[];
}

const safePath = /^(?:policies)(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/;

/** Parses and checks the manifest: a shipped path may not climb out of the package root. */
export const parseManifest = (text: string): SeaManifest => {
  const raw = JSON.parse(text) as Partial<SeaManifest>;
  const { name, version, files } = raw;
  if (typeof name !== 'string' || typeof version !== 'string' || !Array.isArray(files)) throw new Error('charter: the embedded manifest is malformed');
  for (const file of files) {
    if (typeof file !== 'string' || !safePath.test(file) || file.split('/').includes('..'))
      throw new Error(`charter: the embedded manifest names an unsafe path: ${JSON.stringify(file)}`);
  }
  return { name, version, files };
};
