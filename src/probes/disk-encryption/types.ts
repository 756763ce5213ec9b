/** Shapes of the disk-encryption facts. Type aliases (not interfaces) so they are assignable to Json. */

export const schemes = ['luks1', 'luks2', 'plain', 'dm-crypt', 'fscrypt', 'ecryptfs', 'zfs-native'] as const;
export type Scheme = (typeof schemes)[number];

/** How one device or filesystem was judged. `via` always says which evidence decided it. */
export type Verdict = {
  encrypted: boolean | null;
  scheme: Scheme | null;
  cipher: string | null;
  keyBits: number | null;
  via: string;
  /** Device-mapper name of the crypt layer found, for `cryptsetup status`; not part of the facts. */
  cryptName?: string;
};

export type Volume = {
  mount: string;
  device: string | null;
  fstype: string | null;
  encrypted: boolean | null;
  scheme: Scheme | null;
  cipher: string | null;
  keyBits: number | null;
  via: string;
};

export type SwapType = 'partition' | 'file' | 'zram';

export type SwapArea = {
  device: string;
  type: SwapType;
  encrypted: boolean | null;
  via: string;
};

export const unknownVerdict = (via: string): Verdict => ({ encrypted: null, scheme: null, cipher: null, keyBits: null, via });
