/**
 * Serialised GVariant values (the GVariant specification, as used inside GVDB files): type strings
 * and the binary layout of basic types, arrays, maybes, tuples, dict entries and variants.
 * 64-bit integers become JavaScript numbers (exact up to 2^53).
 */

/** A decoded value: tuples, arrays and dict entries are arrays; a maybe is null or its value. */
export type GValue = null | boolean | number | string | GValue[] | GVariant;

/** A value with its GVariant type string ('b', 'u', 'as', '(ii)', ...). */
export interface GVariant {
  type: string;
  value: GValue;
}

export class GVariantError extends Error {}

const fixedBasic: Readonly<Record<string, number>> = { b: 1, y: 1, n: 2, q: 2, i: 4, u: 4, h: 4, x: 8, t: 8, d: 8 };

/** Length of the single complete type starting at `start` in `type`; throws when malformed. */
export const typeLength = (type: string, start = 0): number => {
  const c = type[start];
  if (c === undefined) throw new GVariantError(`truncated type string '${type}'`);
  if (c in fixedBasic || 's' === c || 'o' === c || 'g' === c || 'v' === c) return 1;
  if (c === 'a' || c === 'm') return 1 + typeLength(type, start + 1);
  if (c === '(' || c === '{') {
    const close = c === '(' ? ')' : '}';
    let pos = start + 1;
    let members = 0;
    while (type[pos] !== close) {
      if (type[pos] === undefined) throw new GVariantError(`unclosed '${c}' in '${type}'`);
      pos += typeLength(type, pos);
      members += 1;
    }
    if (c === '{' && members !== 2) throw new GVariantError(`dict entry needs two members in '${type}'`);
    return pos + 1 - start;
  }
  throw new GVariantError(`unknown type character '${c}' in '${type}'`);
};

/** The member types of a tuple or dict entry type. */
export const memberTypes = (type: string): string[] => {
  const members: string[] = [];
  let pos = 1;
  while (pos < type.length - 1) {
    const length = typeLength(type, pos);
    members.push(type.slice(pos, pos + length));
    pos += length;
  }
  return members;
};

/** True when `type` is one complete, well-formed type string. */
export const isValidType = (type: string): boolean => {
  try {
    return type.length > 0 && typeLength(type) === type.length;
  } catch {
    return false;
  }
};

export const alignmentOf = (type: string): number => {
  const c = type[0] ?? '';
  if (c in fixedBasic) return fixedBasic[c] ?? 1;
  if (c === 'v') return 8;
  if (c === 'a' || c === 'm') return alignmentOf(type.slice(1));
  if (c === '(' || c === '{') return memberTypes(type).reduce((max, member) => Math.max(max, alignmentOf(member)), 1);
  return 1;
};

const alignUp = (n: number, alignment: number): number => Math.ceil(n / alignment) * alignment;

/** Size of a fixed-size type, or undefined for variable-size types. */
export const fixedSizeOf = (type: string): number | undefined => {
  const c = type[0] ?? '';
  if (c in fixedBasic) return fixedBasic[c];
  if (c === '(' || c === '{') {
    const members = memberTypes(type);
    if (members.length === 0) return 1;
    let size = 0;
    for (const member of members) {
      const memberSize = fixedSizeOf(member);
      if (memberSize === undefined) return undefined;
      size = alignUp(size, alignmentOf(member)) + memberSize;
    }
    return alignUp(size, alignmentOf(type));
  }
  return undefined;
};

const offsetSizeFor = (containerSize: number): number =>
  containerSize === 0 ? 0 : containerSize <= 0xff ? 1 : containerSize <= 0xffff ? 2 : containerSize <= 0xffffffff ? 4 : 8;

const readOffset = (data: Buffer, at: number, size: number, little: boolean): number => {
  if (at < 0 || at + size > data.length) throw new GVariantError('framing offset outside the value');
  if (size === 1) return data.readUInt8(at);
  if (size === 2) return little ? data.readUInt16LE(at) : data.readUInt16BE(at);
  if (size === 4) return little ? data.readUInt32LE(at) : data.readUInt32BE(at);
  return Number(little ? data.readBigUInt64LE(at) : data.readBigUInt64BE(at));
};

const readBasic = (type: string, data: Buffer, little: boolean): GValue => {
  const need = fixedBasic[type] ?? 0;
  // The specification: a fixed-size value of the wrong size is the type's default (zero).
  if (data.length !== need) return type === 'b' ? false : 0;
  switch (type) {
    case 'b':
      return data[0] !== 0;
    case 'y':
      return data.readUInt8(0);
    case 'n':
      return little ? data.readInt16LE(0) : data.readInt16BE(0);
    case 'q':
      return little ? data.readUInt16LE(0) : data.readUInt16BE(0);
    case 'i':
    case 'h':
      return little ? data.readInt32LE(0) : data.readInt32BE(0);
    case 'u':
      return little ? data.readUInt32LE(0) : data.readUInt32BE(0);
    case 'x':
      return Number(little ? data.readBigInt64LE(0) : data.readBigInt64BE(0));
    case 't':
      return Number(little ? data.readBigUInt64LE(0) : data.readBigUInt64BE(0));
    default:
      return little ? data.readDoubleLE(0) : data.readDoubleBE(0);
  }
};

const readString = (data: Buffer): string => {
  if (data.length === 0 || data[data.length - 1] !== 0) return '';
  return data.subarray(0, data.length - 1).toString('utf8');
};

const readArray = (element: string, data: Buffer, little: boolean): GValue[] => {
  const fixed = fixedSizeOf(element);
  const items: GValue[] = [];
  if (fixed !== undefined) {
    if (data.length % fixed !== 0) return items;
    for (let pos = 0; pos < data.length; pos += fixed) items.push(deserialize(element, data.subarray(pos, pos + fixed), little));
    return items;
  }
  if (data.length === 0) return items;
  const offsetSize = offsetSizeFor(data.length);
  const offsetsStart = readOffset(data, data.length - offsetSize, offsetSize, little);
  if (offsetsStart > data.length || (data.length - offsetsStart) % offsetSize !== 0) throw new GVariantError('bad array framing');
  const count = (data.length - offsetsStart) / offsetSize;
  const alignment = alignmentOf(element);
  let start = 0;
  for (let i = 0; i < count; i += 1) {
    const end = readOffset(data, offsetsStart + i * offsetSize, offsetSize, little);
    const from = alignUp(start, alignment);
    if (from > end || end > offsetsStart) throw new GVariantError('bad array element offsets');
    items.push(deserialize(element, data.subarray(from, end), little));
    start = end;
  }
  return items;
};

const readTuple = (type: string, data: Buffer, little: boolean): GValue[] => {
  const members = memberTypes(type);
  const offsetSize = offsetSizeFor(data.length);
  const values: GValue[] = [];
  let pos = 0;
  let framesUsed = 0;
  members.forEach((member, index) => {
    pos = alignUp(pos, alignmentOf(member));
    const fixed = fixedSizeOf(member);
    let end: number;
    if (fixed !== undefined) end = pos + fixed;
    else if (index === members.length - 1) {
      const frames = members.slice(0, -1).filter((m) => fixedSizeOf(m) === undefined).length;
      end = data.length - frames * offsetSize;
    } else {
      framesUsed += 1;
      end = readOffset(data, data.length - framesUsed * offsetSize, offsetSize, little);
    }
    if (end < pos || end > data.length) throw new GVariantError(`bad tuple framing in '${type}'`);
    values.push(deserialize(member, data.subarray(pos, end), little));
    pos = end;
  });
  return values;
};

const readVariant = (data: Buffer, little: boolean): GVariant => {
  const separator = data.lastIndexOf(0);
  if (separator < 0) throw new GVariantError('variant without a type');
  const type = data.subarray(separator + 1).toString('latin1');
  if (!isValidType(type)) throw new GVariantError(`variant with invalid type '${type}'`);
  return { type, value: deserialize(type, data.subarray(0, separator), little) };
};

/** Decode serialised bytes of a known type. Little-endian unless told otherwise. */
export const deserialize = (type: string, data: Buffer, little = true): GValue => {
  const c = type[0] ?? '';
  if (c in fixedBasic) return readBasic(c, data, little);
  if (c === 's' || c === 'o' || c === 'g') return readString(data);
  if (c === 'v') return readVariant(data, little);
  if (c === 'a') return readArray(type.slice(1), data, little);
  if (c === 'm') {
    const inner = type.slice(1);
    if (data.length === 0) return null;
    const fixed = fixedSizeOf(inner);
    if (fixed !== undefined) return data.length === fixed ? deserialize(inner, data, little) : null;
    return deserialize(inner, data.subarray(0, data.length - 1), little);
  }
  if (c === '(' || c === '{') return readTuple(type, data, little);
  throw new GVariantError(`cannot decode type '${type}'`);
};

/** Decode a serialised variant ('v'): the value bytes, a zero byte, then the type string. */
export const deserializeVariant = (data: Buffer, little = true): GVariant => readVariant(data, little);

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** GVariant text form as `gsettings get` prints it (`uint32 300`, `true`, `'text'`, `['a', 'b']`). */
export const formatGVariant = ({ type, value }: GVariant): string => {
  const prefixes: Readonly<Record<string, string>> = { y: 'byte ', n: 'int16 ', q: 'uint16 ', u: 'uint32 ', x: 'int64 ', t: 'uint64 ', h: 'handle ' };
  const inner = (t: string, v: GValue, top: boolean): string => {
    const c = t[0] ?? '';
    if (v === null) return 'nothing';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') {
      if (c === 'd') return Number.isInteger(v) ? v.toFixed(1) : String(v);
      return `${top ? (prefixes[c] ?? '') : ''}${c === 'y' ? `0x${v.toString(16).padStart(2, '0')}` : String(v)}`;
    }
    if (typeof v === 'string') return c === 'o' ? `objectpath ${quote(v)}` : c === 'g' ? `signature ${quote(v)}` : quote(v);
    if (!Array.isArray(v)) return `<${inner(v.type, v.value, true)}>`;
    if (c === 'a') {
      if (v.length === 0) return `@${t} []`;
      const element = t.slice(1);
      if (element.startsWith('{')) {
        const [k, val] = memberTypes(element);
        return `{${v.map((entry) => (Array.isArray(entry) ? `${inner(k ?? '', entry[0] ?? null, false)}: ${inner(val ?? '', entry[1] ?? null, false)}` : '')).join(', ')}}`;
      }
      return `[${v.map((item, index) => inner(element, item, index === 0 && top)).join(', ')}]`;
    }
    if (c === 'm') return inner(t.slice(1), v, top);
    const members = memberTypes(t);
    return `(${v.map((item, index) => inner(members[index] ?? '', item, true)).join(', ')}${v.length === 1 ? ',' : ''})`;
  };
  return inner(type, value, true);
};
