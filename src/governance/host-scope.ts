/**
 * Which hosts a waiver or attestation covers: `all`, or host name patterns where `*` is any run of
 * characters and `?` one character, compared without regard to case (host names are case-insensitive).
 * Patterns come from waiver files, so they are matched in linear time (translated to RE2).
 */
import { safeGlob } from '../safe-regex.js';

export type HostScope = 'all' | readonly string[];

export const inScope = (scope: HostScope, host: string): boolean => scope === 'all' || scope.some((pattern) => safeGlob(pattern).test(host));

export const describeScope = (scope: HostScope): string => (scope === 'all' ? 'all hosts' : scope.join(', '));
