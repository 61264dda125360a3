import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Emulator } from '../core/emulator.ts';
import { parseState, restoreState, snapshotState } from './state.ts';

export type PersistLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface PersistOptions {
  /** Folder of `state.json`; created (mode 0700) when missing. */
  dir: string;
  /** Quiet time after a change before it is written; default 1 s. */
  debounceMs?: number;
  /** Also written this often when anything changed (clock, expiry...); default 30 s. */
  intervalMs?: number;
  log?: PersistLog;
}

export interface StatePersister {
  /** A request may have changed the state: write it once things are quiet. */
  changed(): void;
  /** Writes now if anything changed since the last write. */
  flush(): Promise<void>;
  /** Stops the timers after a last write. */
  close(): Promise<void>;
}

export const STATE_FILE = 'state.json';

/**
 * Loads the saved state into `emu`. A file that cannot be read or parsed is reported, and one
 * that is corrupt is set aside (`state.json.corrupt-<time>`) for a person to look at: the
 * emulator then starts from its seed. `corrupt` means `emu` may be half restored: use a new one.
 */
export async function loadState(
  emu: Emulator,
  options: PersistOptions,
): Promise<'restored' | 'none' | 'corrupt'> {
  const file = path.join(options.dir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      options.log?.('error', `emulator state ${file} is unreadable, starting from seed: ${String(error)}`);
    }
    return 'none';
  }
  try {
    restoreState(emu, parseState(text));
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    await rename(file, aside).catch(() => {});
    options.log?.(
      'error',
      `emulator state ${file} is corrupt (${(error as Error).message}), starting from seed; kept as ${aside}`,
    );
    return 'corrupt';
  }
  options.log?.('info', `emulator state restored from ${file}`);
  return 'restored';
}

/**
 * Writes the state to `<dir>/state.json` after changes (debounced), at an interval and on close.
 * Each write goes to a temporary file that is synced and renamed over the old one, so a crash
 * leaves either the previous state or the new one. Mode 0600: the file holds the emulator's
 * tokens and its users' passwords.
 */
export function persistState(emu: Emulator, options: PersistOptions): StatePersister {
  const file = path.join(options.dir, STATE_FILE);
  const current = () => {
    const { savedAt: _, ...state } = snapshotState(emu);
    return { state, json: JSON.stringify(state) };
  };
  // What was just loaded (or seeded) needs no write until something changes.
  let written = current().json;
  let queue = Promise.resolve();
  let debounce: NodeJS.Timeout | undefined;
  let closed = false;

  async function write(): Promise<void> {
    const { state, json } = current();
    if (json === written) return;
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify({ ...state, savedAt: new Date().toISOString() }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, 0o600);
    await rename(temporary, file);
    written = json;
  }

  function flush(): Promise<void> {
    queue = queue.then(write).catch((error: unknown) => {
      options.log?.('error', `could not write emulator state ${file}: ${String(error)}`);
    });
    return queue;
  }

  const interval = setInterval(() => void flush(), options.intervalMs ?? 30_000);
  interval.unref();

  return {
    changed() {
      if (closed) return;
      clearTimeout(debounce);
      debounce = setTimeout(() => void flush(), options.debounceMs ?? 1_000);
      debounce.unref();
    },
    flush,
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearInterval(interval);
      await flush();
    },
  };
}

/** A new emulator from `create`, with the saved state when there is a usable one, and its writer. */
export async function openPersistent(
  create: () => Emulator,
  options: PersistOptions,
): Promise<{ emu: Emulator; persister: StatePersister }> {
  let emu = create();
  if ((await loadState(emu, options)) === 'corrupt') emu = create();
  return { emu, persister: persistState(emu, options) };
}
