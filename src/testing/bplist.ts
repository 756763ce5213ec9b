/**
 * A small binary property list writer (`bplist00`) for building macOS test fixtures, after the
 * format CoreFoundation documents in CFBinaryPList.c (reference/probes.md §4.7): a header, one
 * object per value, an offset table and a 32-byte trailer. Objects are not shared (no uniquing),
 * which readers accept. Numbers that are integers are written as integers, others as reals.
 */

export type BplistValue = boolean | number | string | Date | Uint8Array | BplistValue[] | { [key: string]: BplistValue };

/** Seconds between 1970-01-01 and 2001-01-01, the epoch of plist dates. */
const appleEpochSeconds = 978_307_200;

const isPlainObject = (value: BplistValue): value is { [key: string]: BplistValue } =>
  typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array) && !Array.isArray(value);

const bytesFor = (max: number): 1 | 2 | 4 | 8 => (max < 0x100 ? 1 : max < 0x10000 ? 2 : max < 0x1_0000_0000 ? 4 : 8);

const uint = (value: number, size: 1 | 2 | 4 | 8): Buffer => {
  const out = Buffer.alloc(size);
  if (size === 8) out.writeBigUInt64BE(BigInt(value));
  else out.writeUIntBE(value, 0, size);
  return out;
};

const intObject = (value: number): Buffer => {
  if (value < 0) {
    const out = Buffer.alloc(9);
    out[0] = 0x13;
    out.writeBigInt64BE(BigInt(value), 1);
    return out;
  }
  const size = bytesFor(value);
  return Buffer.concat([Buffer.from([0x10 | Math.log2(size)]), uint(value, size)]);
};

/** Marker nibble and count; counts of 15 and more follow as an integer object. */
const header = (kind: number, count: number): Buffer =>
  count < 15 ? Buffer.from([(kind << 4) | count]) : Buffer.concat([Buffer.from([(kind << 4) | 0x0f]), intObject(count)]);

export const buildBplist = (root: BplistValue): Buffer => {
  // First pass: number the objects depth-first so that containers can refer to their children.
  const objects: BplistValue[] = [];
  const children = new Map<number, number[]>();
  const add = (value: BplistValue): number => {
    const index = objects.length;
    objects.push(value);
    if (Array.isArray(value)) children.set(index, value.map(add));
    else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      children.set(index, [...keys.map(add), ...keys.map((key) => add(value[key] as BplistValue))]);
    }
    return index;
  };
  add(root);
  const refSize = bytesFor(objects.length);

  const encode = (value: BplistValue, index: number): Buffer => {
    if (typeof value === 'boolean') return Buffer.from([value ? 0x09 : 0x08]);
    if (typeof value === 'number') {
      if (Number.isInteger(value)) return intObject(value);
      const out = Buffer.alloc(9);
      out[0] = 0x23;
      out.writeDoubleBE(value, 1);
      return out;
    }
    if (value instanceof Date) {
      const out = Buffer.alloc(9);
      out[0] = 0x33;
      out.writeDoubleBE(value.getTime() / 1000 - appleEpochSeconds, 1);
      return out;
    }
    if (value instanceof Uint8Array) return Buffer.concat([header(0x4, value.length), Buffer.from(value)]);
    if (typeof value === 'string') {
      // eslint-disable-next-line no-control-regex
      if (/^[\x00-\x7f]*$/.test(value)) return Buffer.concat([header(0x5, value.length), Buffer.from(value, 'ascii')]);
      const utf16 = Buffer.from(value, 'utf16le');
      utf16.swap16();
      return Buffer.concat([header(0x6, utf16.length / 2), utf16]);
    }
    const refs = children.get(index) ?? [];
    const count = Array.isArray(value) ? refs.length : refs.length / 2;
    return Buffer.concat([header(Array.isArray(value) ? 0xa : 0xd, count), ...refs.map((ref) => uint(ref, refSize))]);
  };

  const parts: Buffer[] = [Buffer.from('bplist00', 'latin1')];
  const offsets: number[] = [];
  let offset = 8;
  objects.forEach((value, index) => {
    const bytes = encode(value, index);
    offsets.push(offset);
    parts.push(bytes);
    offset += bytes.length;
  });
  const offsetSize = bytesFor(offset);
  const tableOffset = offset;
  parts.push(...offsets.map((o) => uint(o, offsetSize)));
  const trailer = Buffer.alloc(32);
  trailer[6] = offsetSize;
  trailer[7] = refSize;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16);
  trailer.writeBigUInt64BE(BigInt(tableOffset), 24);
  parts.push(trailer);
  return Buffer.concat(parts);
};
