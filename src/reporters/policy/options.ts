import type { Language } from '../../model.js';

/** What the policy listings (`charter rules`, `charter explain`) need besides the policy. */
export interface PolicyRenderOptions {
  readonly language: Language;
  /** A policy file's path as the listing should name it (relative to the working directory or the package). */
  readonly displayPath: (file: string) => string;
}
