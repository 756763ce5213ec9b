import type { Recording } from './recorder.js';

const cmdlinePath = /^\/proc\/\d+\/cmdline$/;

/**
 * Process arguments can carry secrets (tokens, passwords, whole environments). A recording keeps
 * only argv[0] of each /proc/<pid>/cmdline, which is all the probes use to name a process.
 */
export const withoutProcessArguments = (recording: Recording): Recording => {
  const files = new Map<string, Buffer | undefined>();
  for (const [path, content] of recording.files) {
    if (content && cmdlinePath.test(path)) {
      const end = content.indexOf(0);
      files.set(path, end < 0 ? content : content.subarray(0, end + 1));
    } else {
      files.set(path, content);
    }
  }
  return { ...recording, files };
};
