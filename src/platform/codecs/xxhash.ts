/** xxHash32 (Yann Collet's spec, doc/xxhash_spec.md), for the LZ4 frame header checksum. */
export const xxh32 = (data: Uint8Array, seed = 0): number => {
  const p1 = 0x9e3779b1;
  const p2 = 0x85ebca77;
  const p3 = 0xc2b2ae3d;
  const p4 = 0x27d4eb2f;
  const p5 = 0x165667b1;
  const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
  const word = (i: number): number => ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24)) >>> 0;
  const round = (acc: number, input: number): number => Math.imul(rotl((acc + Math.imul(input, p2)) >>> 0, 13), p1) >>> 0;
  let i = 0;
  let h: number;
  if (data.length >= 16) {
    let v1 = (seed + p1 + p2) >>> 0;
    let v2 = (seed + p2) >>> 0;
    let v3 = seed >>> 0;
    let v4 = (seed - p1) >>> 0;
    for (; i + 16 <= data.length; i += 16) {
      v1 = round(v1, word(i));
      v2 = round(v2, word(i + 4));
      v3 = round(v3, word(i + 8));
      v4 = round(v4, word(i + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) >>> 0;
  } else {
    h = (seed + p5) >>> 0;
  }
  h = (h + data.length) >>> 0;
  for (; i + 4 <= data.length; i += 4) h = Math.imul(rotl((h + Math.imul(word(i), p3)) >>> 0, 17), p4) >>> 0;
  for (; i < data.length; i += 1) h = Math.imul(rotl((h + Math.imul(data[i] ?? 0, p5)) >>> 0, 11), p1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), p2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), p3) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};
