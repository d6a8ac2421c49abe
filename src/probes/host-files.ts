import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayEnv } from '../engine/observations.js';
import { secretsInEnv } from '../engine/secrets.js';

/** The newest part of a log file is the part that matters; rotated files reach 100 MB. */
export const LOG_TAIL_BYTES = 4 * 1024 * 1024;

export type FileRead = { ok: true; text: string } | { ok: false; reason: string };

const reasonOf = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'not there'
    : code === 'EACCES' || code === 'EPERM'
      ? 'not readable (permission denied)'
      : String(code ?? err);
};

/** A log read that takes longer is given up: the file sits on a filesystem that stopped answering. */
export const READ_TIMEOUT_MS = 5_000;

/** Opening never waits: a FIFO opened for reading would block until a writer comes. */
export const OPEN_NOW = constants.O_RDONLY | constants.O_NONBLOCK;

async function tail(path: string, bytes: number): Promise<FileRead> {
  try {
    const handle = await open(path, OPEN_NOW);
    try {
      const st = await handle.stat();
      if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
      const start = Math.max(0, st.size - bytes);
      const buffer = Buffer.alloc(st.size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8');
      return { ok: true, text: start > 0 ? text.slice(text.indexOf('\n') + 1) : text };
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

/**
 * Reads the last `bytes` of a regular file, dropping the partial first line. Gives up after
 * `timeoutMs`, so a hung filesystem cannot hold a diagnosis (or the worker's shutdown) forever.
 */
export async function readTail(
  path: string,
  bytes = LOG_TAIL_BYTES,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<FileRead> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<FileRead>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `not answering (nothing read within ${timeoutMs / 1000} s)` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([tail(path, bytes), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readText(path: string): Promise<FileRead> {
  try {
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

/** Environment variables of the gateway that matter to the Anthropic route; the rest stay on the host. */
const KEPT_VARS = /^(?:ANTHROPIC_|OPENCLAW_|CLAUDE_|HTTPS?_PROXY$|NO_PROXY$|https?_proxy$|no_proxy$)/;

export type GatewayEnvRead =
  | {
      ok: true;
      env: GatewayEnv;
      /** Values of every secret-looking variable of the whole environment, for the redactor only. */
      secrets: string[];
    }
  | { ok: false; reason: string };

/**
 * Reads the real environment of a running gateway from `/proc/<pid>/environ`, after checking
 * that the pid is an OpenClaw gateway (a recycled pid must not hand us some other process).
 * All of it is read for secrets; only the variables of the Anthropic route are kept.
 */
export async function readGatewayEnv(pid: number, procRoot = '/proc'): Promise<GatewayEnvRead> {
  const dir = join(procRoot, String(pid));
  const cmdline = await readText(join(dir, 'cmdline'));
  const comm = await readText(join(dir, 'comm'));
  const name = `${cmdline.ok ? cmdline.text.replaceAll('\0', ' ') : ''} ${comm.ok ? comm.text : ''}`;
  if (!cmdline.ok && !comm.ok) return { ok: false, reason: `pid ${pid} is not running` };
  if (!/openclaw/i.test(name) || !/gateway/i.test(name)) {
    return {
      ok: false,
      reason: `pid ${pid} is not an OpenClaw gateway (${name.trim().slice(0, 60) || 'no command line'})`,
    };
  }
  const environ = await readText(join(dir, 'environ'));
  if (!environ.ok) return { ok: false, reason: `environment of pid ${pid} ${environ.reason}` };
  const all: Record<string, string> = {};
  for (const pair of environ.text.split('\0')) {
    const at = pair.indexOf('=');
    if (at > 0) all[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const vars = Object.fromEntries(Object.entries(all).filter(([k]) => KEPT_VARS.test(k)));
  return { ok: true, env: { pid, vars }, secrets: secretsInEnv(all) };
}
