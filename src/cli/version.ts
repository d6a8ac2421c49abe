import { createRequire } from 'node:module';

/**
 * clawops' own version, from the package.json of the package this file is in: the nearest one
 * named clawops above it (two levels up in the source, further in the built CLI's chunks).
 */
export function clawopsVersion(): string {
  const require = createRequire(import.meta.url);
  for (let up = 1; up <= 5; up += 1) {
    const path = `${'../'.repeat(up)}package.json`;
    try {
      const pkg = require(path) as { name?: string; version?: string };
      if (pkg.name === 'clawops' && pkg.version) return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return 'unknown';
}
