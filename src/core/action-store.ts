import { randomBytes } from 'node:crypto';
import type { CommandCall } from './command-input.js';

/** Who made a button's action and when, and whether it stays clickable. */
type ActionMeta = {
  readonly createdBy: string;
  readonly createdAt: number;
  /** Approve and Deny stay clickable until someone entitled decides; the approval is what is consumed once. */
  readonly reusable?: boolean;
};

/**
 * What a button does when clicked: run this command with these arguments (by option name, e.g.
 * `{ command: 'fix', args: { fix: 'restart-gateway', host: 'gw-1', verdict: 'gateway_down' } }`),
 * as the person who clicks it.
 */
export type StoredAction = CommandCall & ActionMeta;

/**
 * A button's action as bots before typed arguments stored it: the `/claw` text, run as if typed.
 * Alert buttons live a week and are reused for their episode, so these are read, never written;
 * a week after the last such bot stopped, none is left and this form can go.
 */
export type TextAction = { readonly text: string } & ActionMeta;

/**
 * Where button meanings live: a button carries only a short opaque id; the action stays here
 * with a TTL and is consumed once (a double click does not run it twice).
 */
export interface ActionStore {
  put(action: StoredAction, ttlMs: number): Promise<string>;
  /** The action behind a button; a single-use one is gone after this. */
  take(id: string): Promise<StoredAction | TextAction | null>;
}

/** 16 random bytes as base64url: 22 characters, well inside Slack's 255 and Discord's 100. */
export const newActionId = (): string => randomBytes(16).toString('base64url');

/** Button ids are exactly what `newActionId` makes; anything else is refused before a lookup. */
export const isActionId = (id: string): boolean => /^[\w-]{22}$/.test(id);

/** For `clawops dev` and tests: the same contract in this process's memory. */
export function createMemoryActionStore(now: () => number = Date.now): ActionStore {
  const actions = new Map<string, { action: StoredAction; expires: number }>();
  return {
    async put(action, ttlMs) {
      const id = newActionId();
      actions.set(id, { action, expires: now() + ttlMs });
      return id;
    },
    async take(id) {
      const found = actions.get(id);
      if (!found?.action.reusable) actions.delete(id);
      return found && found.expires > now() ? found.action : null;
    },
  };
}
