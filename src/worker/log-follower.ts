import { type FSWatcher, statSync, watch } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { OPEN_NOW } from '../probes/host-files.js';
import { localDay } from '../probes/log-file.js';

export type FollowNotice = 'opened' | 'rotated' | 'truncated' | 'next-day';

export type LogFollowerOptions = {
  /** The file to follow at a given time; a daily file's name changes at local midnight. */
  readonly pathAt: (now: Date) => string;
  readonly onLine: (line: string) => void;
  readonly onNotice?: (notice: FollowNotice, path: string) => void;
  /** The file exists but cannot be read (permissions): the caller should follow another way. */
  readonly onUnreadable: (err: NodeJS.ErrnoException) => void;
  /** At start, lines written this many bytes before the end are read too (context for causes). */
  readonly tailBytes?: number;
  /** How often the file is looked at when no change notification arrives. */
  readonly pollMs?: number;
  /** Whether file system notifications wake it up between polls (default true). */
  readonly notify?: boolean;
};

export type LogFollower = { close(): Promise<void> };

type Open = {
  path: string;
  fh: FileHandle;
  ino: number;
  offset: number;
  decoder: StringDecoder;
  rest: string;
  /** The file's first bytes as last seen: other bytes there mean it was truncated and rewritten. */
  head: Buffer;
};

/** A line longer than this is cut: a runaway line must not hold the worker's memory. */
const MAX_LINE = 1024 * 1024;
const CHUNK = 64 * 1024;
/** A FIFO, socket or device where a log file should be. */
const NOT_A_FILE = 'ENOTREG';
/** Enough of the first lines to include their timestamps, so a rewrite cannot look the same. */
const HEAD = 4 * 1024;

const DATED = /^(.*-)\d{4}-\d\d-\d\d(\.log)$/;
/**
 * The path of the log file at a time: OpenClaw's daily file (`openclaw-YYYY-MM-DD.log`, local
 * date) follows the date; any other name is fixed.
 */
export function dailyPath(path: string): (now: Date) => string {
  const m = DATED.exec(basename(path));
  if (!m) return () => path;
  const dir = dirname(path);
  return (now) => `${dir}/${m[1]}${localDay(now)}${m[2]}`;
}

async function readHead(fh: FileHandle): Promise<Buffer> {
  const buf = Buffer.alloc(HEAD);
  const { bytesRead } = await fh.read(buf, 0, HEAD, 0);
  return buf.subarray(0, bytesRead);
}

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/**
 * Follows a JSON-lines log file like `tail -F`: notified by the file system and looking again
 * every `pollMs`, it reads only new bytes, and keeps up with size rotation (a new file under the
 * same name), truncation (the file shrank) and the daily file of the next day. It never reads
 * a line twice and never loses the end of a file it leaves.
 */
export function followLogFile(opts: LogFollowerOptions): LogFollower {
  let cur: Open | null = null;
  let first = true;
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;
  let watcher: FSWatcher | null = null;
  let watchedDir: string | null = null;

  const emit = (o: Open, text: string) => {
    const parts = (o.rest + text).split('\n');
    o.rest = parts.pop() ?? '';
    if (o.rest.length > MAX_LINE) o.rest = o.rest.slice(0, MAX_LINE);
    for (const line of parts) if (line.trim() !== '') opts.onLine(line);
  };

  const drain = async (o: Open) => {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await o.fh.read(buf, 0, CHUNK, o.offset);
      if (bytesRead === 0) return;
      o.offset += bytesRead;
      emit(o, o.decoder.write(buf.subarray(0, bytesRead)));
    }
  };

  /** Reads what is left of `o`, including a last line without its newline, and closes it. */
  const leave = async (o: Open) => {
    await drain(o).catch(() => {});
    emit(o, `${o.decoder.end()}\n`);
    await o.fh.close().catch(() => {});
  };

  /** Where reading starts in the file there at start: its end then (minus the tail asked for). */
  const startPath = opts.pathAt(new Date());
  const startSize = statSync(startPath, { throwIfNoEntry: false })?.size ?? 0;

  const openAt = async (path: string, fromTail: boolean): Promise<Open | null> => {
    let fh: FileHandle;
    try {
      fh = await open(path, OPEN_NOW);
    } catch (err) {
      if (code(err) === 'ENOENT') return null;
      throw err;
    }
    const st = await fh.stat();
    if (!st.isFile()) {
      await fh.close();
      throw Object.assign(new Error(`${path} is not a regular file`), { code: NOT_A_FILE });
    }
    const tail = opts.tailBytes ?? 0;
    const offset = fromTail && path === startPath ? Math.max(0, Math.min(st.size, startSize) - tail) : 0;
    const o: Open = {
      path,
      fh,
      ino: st.ino,
      offset,
      decoder: new StringDecoder('utf8'),
      rest: '',
      head: await readHead(fh),
    };
    if (offset > 0) {
      // Started inside a line: skip to the next one.
      const buf = Buffer.alloc(Math.min(CHUNK, st.size - offset + 1));
      const { bytesRead } = await fh.read(buf, 0, buf.length, offset - 1);
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      o.offset = nl === -1 ? st.size : offset - 1 + nl + 1;
    }
    opts.onNotice?.('opened', path);
    return o;
  };

  const watchDir = (path: string) => {
    if (opts.notify === false) return;
    const dir = dirname(path);
    if (watchedDir === dir && watcher) return;
    watcher?.close();
    watcher = null;
    try {
      watcher = watch(dir, { persistent: false }, () => kick());
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
      });
      watchedDir = dir;
    } catch {
      watchedDir = null; // No directory yet: the poll keeps looking.
    }
  };

  const check = async () => {
    const want = opts.pathAt(new Date());
    watchDir(want);
    if (cur && cur.path !== want) {
      const next = await openAt(want, false);
      if (next) {
        await leave(cur);
        cur = next;
        opts.onNotice?.('next-day', want);
      }
    }
    if (!cur) {
      cur = await openAt(want, first);
      first = false;
      if (!cur) return;
    }
    const byName = await stat(cur.path).catch((err: unknown) =>
      code(err) === 'ENOENT' ? null : Promise.reject(err),
    );
    if (byName && byName.ino !== cur.ino) {
      const next = await openAt(cur.path, false);
      if (next) {
        await leave(cur);
        cur = next;
        opts.onNotice?.('rotated', cur.path);
      }
    }
    const size = (await cur.fh.stat()).size;
    const head = await readHead(cur.fh);
    const same = head.subarray(0, cur.head.length).equals(cur.head.subarray(0, head.length));
    cur.head = head;
    // Shrunk, or truncated and written again past where we were: either way, new content.
    if (size < cur.offset || !same) {
      cur.offset = 0;
      cur.rest = '';
      cur.decoder = new StringDecoder('utf8');
      opts.onNotice?.('truncated', cur.path);
    }
    await drain(cur);
  };

  const kick = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await check();
        } catch (err) {
          const e = err as NodeJS.ErrnoException;
          if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EISDIR' || e.code === NOT_A_FILE) {
            closed = true;
            opts.onUnreadable(e);
            return;
          }
        }
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(kick, opts.pollMs ?? 250);
  timer.unref();
  kick();

  return {
    async close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
      await running;
      await cur?.fh.close().catch(() => {});
      cur = null;
    },
  };
}
