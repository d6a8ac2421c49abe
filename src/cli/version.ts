import { createRequire } from 'node:module';

/** clawops' own version, from its package.json. */
export const clawopsVersion = (): string =>
  (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
