/**
 * Every child process a host has started and not yet seen end (local commands, ssh clients), so
 * that nothing outlives charter: a CLI that is interrupted (SIGINT, SIGTERM) calls
 * `killAllChildren()` before it exits, and the process's 'exit' event does it too (a signal that
 * ends the process does not emit 'exit', hence the CLI's handler).
 */

export interface LiveChild {
  /** What the child is, for the line the CLI prints when interrupted: 'command', 'ssh session'. */
  readonly what: string;
  /** Kill it and its descendants now (SIGKILL), synchronously. */
  kill(): void;
}

const live = new Set<LiveChild>();
let exitHookInstalled = false;

/** Kill every child still running; answer what was killed (one entry per child). */
export const killAllChildren = (): string[] => {
  const killed: string[] = [];
  for (const child of live) {
    child.kill();
    killed.push(child.what);
  }
  live.clear();
  return killed;
};

/** Track a child until the function returned is called (when it has ended). */
export const trackChild = (child: LiveChild): (() => void) => {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      killAllChildren();
    });
  }
  live.add(child);
  return () => {
    live.delete(child);
  };
};

/** How many children are running (tests). */
export const liveChildren = (): number => live.size;
