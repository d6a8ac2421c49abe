import { type ChainRoute, failoverChain } from '../engine/failover-chain.js';
import {
  type OAuthProfile,
  parseModelsStatusJson,
  type UnusableProfile,
} from '../engine/parse/models-status.js';
import { runCommand } from './run-probe.js';

/** The profiles' state as `models status --json` reports it. */
export type ProfileState = {
  readonly unusable: readonly UnusableProfile[];
  readonly profileIds: readonly string[];
  readonly credentials: readonly OAuthProfile[];
  readonly missing: readonly string[];
  /** The default agent's failover chain, to say whether a fallback carries the traffic. */
  readonly chain?: readonly ChainRoute[];
};

/** The profiles' state from `models status --json`; `null` when OpenClaw gives none. */
export async function readProfileState(
  bin: string,
  env: Readonly<Record<string, string>>,
  timeoutMs: number | undefined,
  signal: AbortSignal,
): Promise<ProfileState | null> {
  const run = await runCommand(bin, ['models', 'status', '--json'], {
    timeoutMs: timeoutMs ?? 45_000,
    maxBytes: 4 * 1024 * 1024,
    env,
    signal,
  });
  const status = run.exitCode === 0 ? parseModelsStatusJson(run.stdout) : null;
  if (!status) return null;
  const ids = new Set([
    ...status.providers.flatMap((p) => p.profileLabels.map((l) => l.profileId)),
    ...status.oauthProfiles.map((p) => p.profileId),
    ...status.unusable.map((u) => u.profileId),
  ]);
  return {
    unusable: status.unusable,
    profileIds: [...ids],
    credentials: status.oauthProfiles,
    missing: status.missingProvidersInUse,
    chain: failoverChain(status),
  };
}
