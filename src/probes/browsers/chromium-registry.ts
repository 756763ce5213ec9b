/**
 * Chromium's installed-web-app registry: entries `web_apps-dt-<app id>` of `<profile>/Sync Data/LevelDB`
 * (the sync data-type store, `web_apps` type; reference §6.4), whose value is a `WebAppProto`
 * protobuf. Read here: field 1 `sync_data` (a `sync_pb.WebAppSpecifics`) → its field 1 `start_url`
 * and field 2 `name` (chromium/chromium chrome/browser/web_applications/proto/web_app.proto,
 * components/sync/protocol/web_app_specifics.proto; field numbers observed in the registry Chromium
 * 156.0.8078.129 wrote here, fixtures/chromium-156/README.md). When that path is absent, the first
 * http(s) URL anywhere in the message stands in for the start URL (documented fallback: a changed
 * schema then still yields an origin). An uninstalled app's entry is deleted from the store.
 */
import { liveEntries, readLevelDbLog, readLevelDbTable, type LevelDbRecord } from './leveldb.js';
import { originOf } from './origin.js';

export const registryKeyPrefix = 'web_apps-dt-';

/** A length-delimited protobuf field: number and bytes. Other wire types are skipped. */
const lengthFields = (bytes: Buffer): { field: number; bytes: Buffer }[] | null => {
  const fields: { field: number; bytes: Buffer }[] = [];
  let pos = 0;
  const varint = (): number | null => {
    let value = 0;
    for (let shift = 0; shift <= 63; shift += 7) {
      if (pos >= bytes.length) return null;
      const byte = bytes[pos++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return null;
  };
  while (pos < bytes.length) {
    const key = varint();
    if (key === null) return null;
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) {
      if (varint() === null) return null;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const length = varint();
      if (length === null || pos + length > bytes.length) return null;
      fields.push({ field, bytes: bytes.subarray(pos, pos + length) });
      pos += length;
    } else return null;
    if (pos > bytes.length) return null;
  }
  return fields;
};

const printable = (bytes: Buffer): string | null => {
  const text = bytes.toString('utf8');
  const clean = text !== '' && Array.from(text).every((c) => c >= ' ' && c !== '\u007f' && c !== '\ufffd');
  return clean ? text : null;
};

/** The first http(s) URL among the message's strings, depth first (the fallback). */
const firstUrl = (bytes: Buffer, depth = 0): string | null => {
  const fields = lengthFields(bytes);
  for (const { bytes: inner } of fields ?? []) {
    const text = printable(inner);
    if (text !== null && /^https?:\/\//i.test(text) && originOf(text) !== null) return text;
    if (depth < 4) {
      const nested = firstUrl(inner, depth + 1);
      if (nested !== null) return nested;
    }
  }
  return null;
};

export interface RegistryApp {
  appId: string;
  origin: string | null;
  name: string | null;
}

/** One `WebAppProto` value. */
export const decodeWebApp = (appId: string, value: Buffer): RegistryApp => {
  const sync = lengthFields(value)?.find((f) => f.field === 1);
  const specifics = sync === undefined ? null : lengthFields(sync.bytes);
  const startUrl = specifics?.find((f) => f.field === 1);
  const name = specifics?.find((f) => f.field === 2);
  const url = (startUrl ? printable(startUrl.bytes) : null) ?? firstUrl(value);
  return { appId, origin: url === null ? null : originOf(url), name: name ? printable(name.bytes) : null };
};

/** Chromium app ids: 32 letters a–p (crx_file::id_util). */
export const isAppId = (id: string): boolean => /^[a-p]{32}$/.test(id);

export interface RegistryFile {
  name: string;
  bytes: Buffer;
}

/** The installed apps of a registry folder's files; `damage` names files that could not be read whole. */
export const readRegistry = (files: readonly RegistryFile[]): { apps: RegistryApp[]; damage: string[] } => {
  const records: LevelDbRecord[] = [];
  const damage: string[] = [];
  for (const file of files) {
    const isLog = file.name.endsWith('.log');
    const read = isLog ? readLevelDbLog(file.bytes) : readLevelDbTable(file.bytes);
    records.push(...read.records);
    if (read.damage !== null) damage.push(`${file.name}: ${read.damage}`);
  }
  const apps: RegistryApp[] = [];
  for (const [key, value] of liveEntries(records)) {
    if (!key.startsWith(registryKeyPrefix)) continue;
    const appId = key.slice(registryKeyPrefix.length);
    if (isAppId(appId)) apps.push(decodeWebApp(appId, value));
  }
  return { apps: apps.sort((a, b) => (a.appId < b.appId ? -1 : 1)), damage };
};

/** The files of a LevelDB folder that hold data. */
export const isLevelDbDataFile = (name: string): boolean => /^\d+\.(?:log|ldb|sst)$/.test(name);
