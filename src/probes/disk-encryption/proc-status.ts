/** /proc/self/status: `Uid:` lists real, effective, saved and filesystem uids. */
export const effectiveUid = (text: string): number | null => {
  const match = /^Uid:\s+\d+\s+(\d+)/m.exec(text);
  return match?.[1] ? Number(match[1]) : null;
};
