/** Pure interpretation of the Windows `os` script's answer (Win32_OperatingSystem + CurrentVersion key). */
import type { Json, JsonObject } from '../../model.js';
import { isObject, numberOf, stringOf } from '../../platform/windows/json.js';

const productTypes: Readonly<Record<number, string>> = { 1: 'workstation', 2: 'domain-controller', 3: 'server' };

/** PROCESSOR_ARCHITECTURE → the uname -m spelling used on Linux. */
const architectures: Readonly<Record<string, string>> = { amd64: 'x86_64', arm64: 'aarch64', x86: 'i686', ia64: 'ia64', arm: 'armv7l' };

/**
 * Windows 10 and 11 both report version 10.0: Windows 11 is build 22000 and later (Microsoft
 * Learn, "Windows 11 release information"). Servers are named by their year (Windows Server 2022).
 */
export const windowsMajor = (caption: string | null, version: string | null, build: number | null, productType: string | null): number | null => {
  const server = productType === 'server' || productType === 'domain-controller' || /\bserver\b/i.test(caption ?? '');
  if (server) {
    const year = /server\s+(\d{4})/i.exec(caption ?? '')?.[1];
    return year === undefined ? null : Number(year);
  }
  if (version?.startsWith('10.') === true && build !== null) return build >= 22000 ? 11 : 10;
  const named = /windows\s+(\d+(?:\.\d+)?)/i.exec(caption ?? '')?.[1];
  return named === undefined ? null : Number(named);
};

const architectureOf = (processorArchitecture: string | null, osArchitecture: string | null): string | null => {
  if (processorArchitecture !== null) return architectures[processorArchitecture.toLowerCase()] ?? processorArchitecture;
  if (osArchitecture === null) return null;
  if (/arm/i.test(osArchitecture)) return 'aarch64';
  if (/64/.test(osArchitecture)) return 'x86_64';
  if (/32/.test(osArchitecture)) return 'i686';
  return null;
};

/** Facts of the os probe from the script's JSON object; null facts when it is not an object. */
export const windowsOsFacts = (value: Json): JsonObject => {
  const o = isObject(value) ? value : {};
  const caption = stringOf(o.Caption);
  const version = stringOf(o.Version);
  const buildText = stringOf(o.BuildNumber) ?? stringOf(o.CurrentBuild);
  const build = buildText === null ? null : numberOf(buildText);
  const ubr = numberOf(o.UBR ?? null);
  const displayVersion = stringOf(o.DisplayVersion);
  const productType = typeof o.ProductType === 'number' ? (productTypes[o.ProductType] ?? null) : stringOf(o.ProductType);
  const product = caption === null ? null : caption.replace(/^Microsoft\s+/i, '');
  return {
    family: 'windows',
    distribution: 'windows',
    distributionName: product === null ? null : displayVersion === null ? product : `${product} ${displayVersion}`,
    distributionLike: [],
    version,
    codename: displayVersion,
    build: buildText,
    versionMajor: windowsMajor(caption, version, build, productType),
    displayVersion,
    updateBuildRevision: ubr,
    edition: stringOf(o.EditionID),
    productType,
    kernel: version === null ? null : ubr === null ? version : `${version}.${ubr}`,
    architecture: architectureOf(stringOf(o.ProcessorArchitecture), stringOf(o.OSArchitecture)),
    hostname: stringOf(o.CSName),
    isContainer: null,
    containerEvidence: [],
    isContainerImage: false,
  };
};
