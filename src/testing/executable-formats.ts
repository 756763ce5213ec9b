/**
 * Just enough of PE, ELF and Mach-O to tell what the release binaries are and that postject put
 * the blob where Node looks for it.
 */

/** PE: machine, and the RT_RCDATA resources by name with their sizes (postject's NODE_SEA_BLOB). */
export const peResources = (file: Buffer): { machine: number; rcdata: Map<string, number> } => {
  if (file.toString('latin1', 0, 2) !== 'MZ') throw new Error('no MZ header');
  const pe = file.readUInt32LE(0x3c);
  if (file.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error('no PE signature');
  const machine = file.readUInt16LE(pe + 4);
  const sections = file.readUInt16LE(pe + 6);
  const optional = pe + 24;
  if (file.readUInt16LE(optional) !== 0x20b) throw new Error('not PE32+');
  const resourceRva = file.readUInt32LE(optional + 112 + 2 * 8);
  const table = optional + file.readUInt16LE(pe + 20);
  const offsetOf = (rva: number): number => {
    for (let index = 0; index < sections; index += 1) {
      const header = table + index * 40;
      const start = file.readUInt32LE(header + 12);
      if (rva >= start && rva < start + Math.max(file.readUInt32LE(header + 8), file.readUInt32LE(header + 16)))
        return rva - start + file.readUInt32LE(header + 20);
    }
    throw new Error(`RVA ${rva.toString(16)} is in no section`);
  };
  const base = offsetOf(resourceRva);
  const entries = (directory: number): { name: string | number; target: number; isDirectory: boolean }[] => {
    const count = file.readUInt16LE(base + directory + 12) + file.readUInt16LE(base + directory + 14);
    return Array.from({ length: count }, (_, index) => {
      const entry = base + directory + 16 + index * 8;
      const name = file.readUInt32LE(entry);
      const target = file.readUInt32LE(entry + 4);
      const label =
        name & 0x80000000
          ? file.toString('utf16le', base + (name & 0x7fffffff) + 2, base + (name & 0x7fffffff) + 2 + 2 * file.readUInt16LE(base + (name & 0x7fffffff)))
          : name;
      return { name: label, target: target & 0x7fffffff, isDirectory: (target & 0x80000000) !== 0 };
    });
  };
  const rcdata = new Map<string, number>();
  const type = entries(0).find((entry) => entry.name === 10 && entry.isDirectory);
  for (const named of type ? entries(type.target) : []) {
    const leaf = named.isDirectory ? entries(named.target).find((language) => !language.isDirectory) : undefined;
    if (leaf !== undefined) rcdata.set(String(named.name), file.readUInt32LE(base + leaf.target + 4));
  }
  return { machine, rcdata };
};

/** ELF: 64-bit little-endian, and its machine (0x3e x86-64, 0xb7 AArch64). */
export const elfMachine = (file: Buffer): number => {
  if (file.readUInt32BE(0) !== 0x7f454c46 || file[4] !== 2 || file[5] !== 1) throw new Error('not a 64-bit little-endian ELF');
  return file.readUInt16LE(0x12);
};

/** Mach-O 64: CPU type (0x01000007 x86-64) and whether a NODE_SEA segment holds __NODE_SEA_BLOB. */
export const machO = (file: Buffer): { cpu: number; seaSegment: boolean } => {
  if (file.readUInt32LE(0) !== 0xfeedfacf) throw new Error('not a 64-bit Mach-O');
  const commands = file.readUInt32LE(16);
  let offset = 32;
  let seaSegment = false;
  for (let index = 0; index < commands; index += 1) {
    const command = file.readUInt32LE(offset);
    // LC_SEGMENT_64: segname (16 bytes) at +8, nsects at +64, sections (80 bytes, sectname first) from +72.
    if (command === 0x19 && file.toString('latin1', offset + 8, offset + 24).replace(/\0+$/, '') === 'NODE_SEA') {
      const sections = file.readUInt32LE(offset + 64);
      for (let section = 0; section < sections; section += 1) {
        const at = offset + 72 + section * 80;
        if (file.toString('latin1', at, at + 16).replace(/\0+$/, '') === '__NODE_SEA_BLOB') seaSegment = true;
      }
    }
    offset += file.readUInt32LE(offset + 4);
  }
  return { cpu: file.readUInt32LE(4), seaSegment };
};
