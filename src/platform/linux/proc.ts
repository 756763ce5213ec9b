/** Pure parsers for the /proc/<pid>/* files every probe that lists processes reads. No I/O. */

/** `/proc/<pid>/comm`: the kernel's task name (at most 15 bytes), newline-terminated. */
export const parseComm = (text: string): string => text.replace(/\n$/, '');

/**
 * `/proc/<pid>/cmdline`: arguments separated and terminated by NUL. Processes that rewrite their
 * title (Chromium/Electron helpers, node's `process.title`) leave one space-separated string
 * followed by NUL padding; trailing empty strings are dropped.
 */
export const parseCmdline = (raw: string): string[] => {
  const argv = raw.split('\0');
  while (argv.length > 0 && argv[argv.length - 1] === '') argv.pop();
  return argv;
};
