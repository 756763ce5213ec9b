/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (Chromium reads commands
 * on fd 3 and writes answers and events on fd 4, each message JSON followed by a NUL byte), for tests
 * that make real Chromium write real profile files. No WebSocket library needed. Test-only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

export interface Cdp {
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<Record<string, unknown>>;
  /** Resolves with the first event named `method` (optionally matching `filter`), from now on. */
  waitFor(method: string, filter?: (event: CdpEvent) => boolean): Promise<CdpEvent>;
  /** Browser.close, then waits for the process to exit (Chromium flushes Preferences on a clean exit). */
  close(): Promise<number | null>;
  readonly process: ChildProcess;
  readonly stderr: () => string;
}

/** Starts `chromium` (argv array, no shell) with the given user-data dir and extra flags. */
export const launchChromium = (executable: string, userDataDir: string, extraArgs: readonly string[] = []): Cdp => {
  const args = [
    '--headless',
    '--no-sandbox',
    '--remote-debugging-pipe',
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    ...extraArgs,
    'about:blank',
  ];
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const toChrome = child.stdio[3] as Writable;
  const fromChrome = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>();
  const waiters: { method: string; filter?: (event: CdpEvent) => boolean; resolve: (e: CdpEvent) => void }[] = [];
  let buffered = Buffer.alloc(0);
  fromChrome.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let end = buffered.indexOf(0); end !== -1; end = buffered.indexOf(0)) {
      const message = JSON.parse(buffered.subarray(0, end).toString('utf8')) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
      } & Partial<CdpEvent>;
      buffered = buffered.subarray(end + 1);
      if (typeof message.id === 'number') {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`));
        else call?.resolve(message.result ?? {});
      } else if (typeof message.method === 'string') {
        const event: CdpEvent = { method: message.method, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) };
        for (const [i, w] of waiters.entries()) {
          if (w.method === event.method && (w.filter === undefined || w.filter(event))) {
            waiters.splice(i, 1);
            w.resolve(event);
            break;
          }
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      resolve(code);
    });
  });
  void exited.then(() => {
    for (const call of pending.values()) call.reject(new Error(`${call.method}: Chromium exited\n${stderr}`));
    pending.clear();
  });
  const send: Cdp['send'] = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, method });
      toChrome.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  return {
    send,
    waitFor: (method, filter) => new Promise((resolve) => waiters.push({ method, ...(filter ? { filter } : {}), resolve })),
    close: async () => {
      await send('Browser.close').catch(() => undefined);
      return exited;
    },
    process: child,
    stderr: () => stderr,
  };
};
