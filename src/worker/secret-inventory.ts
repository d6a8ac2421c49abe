import { createRedactor, type Redactor } from '../engine/redact.js';

/**
 * Every secret value known on this host, in memory only: the OpenClaw config's, the gateway's
 * environment's, OpenClaw's env files' and this process's own. Built when the worker starts and
 * grown each time a diagnosis reads the config and the gateway's environment again (a rotated
 * key still in the log stays known). Every redactor on the host is made from it.
 */
export type SecretInventory = {
  values(): readonly string[];
  add(values: Iterable<string>): void;
  /** Redacts with everything known now. */
  redact(text: string): string;
};

export function createSecretInventory(initial: Iterable<string> = []): SecretInventory {
  const known = new Set<string>();
  let shared: Redactor | null = null;
  const inventory: SecretInventory = {
    values: () => [...known],
    add(values) {
      const before = known.size;
      for (const v of values) known.add(v);
      if (known.size !== before) shared = null;
    },
    redact(text) {
      shared ??= createRedactor(known);
      return shared.redact(text);
    },
  };
  inventory.add(initial);
  return inventory;
}
