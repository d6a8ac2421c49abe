import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';

/**
 * Asks `read` every 50 ms until it answers something other than false or null, for `ms` at most,
 * and returns that answer; fails the test when it never does.
 */
export async function until<T>(read: () => T | Promise<T>, ms = 20_000): Promise<Exclude<T, false | null>> {
  const end = Date.now() + ms;
  let value = await read();
  while ((value === false || value === null) && Date.now() < end) {
    await sleep(50);
    value = await read();
  }
  expect(value === false || value === null, 'the awaited condition never held').toBe(false);
  return value as Exclude<T, false | null>;
}
