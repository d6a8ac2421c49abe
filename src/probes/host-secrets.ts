import { secretsInConfig, secretsInEnv } from '../engine/secrets.js';
import { readConfig } from './collect.js';
import { secretsInEnvFiles } from './env-files.js';
import { readGatewayEnv } from './host-files.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The secret values this host holds outside any diagnosis: the OpenClaw config's, OpenClaw's env
 * files', the environment given and, for each gateway pid, the gateway process's whole
 * environment's. What cannot be read is skipped; a diagnosis reads it all again.
 */
export async function readHostSecrets(
  env: Env,
  gatewayPids: readonly number[] = [],
  procRoot?: string,
): Promise<string[]> {
  const config = await readConfig(env);
  const gateways = await Promise.all(gatewayPids.map((pid) => readGatewayEnv(pid, procRoot)));
  return [
    ...secretsInConfig(config.parsed),
    ...(await secretsInEnvFiles(env)),
    ...secretsInEnv(env),
    ...gateways.flatMap((g) => (g.ok ? g.secrets : [])),
  ];
}
