import { parseEnvFile, secretsInEnv } from '../engine/secrets.js';
import { readText } from './host-files.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The files OpenClaw takes the gateway's environment from, every version's: `$STATE/.env`,
 * `~/.config/openclaw/gateway.env`, the managed `$STATE/service-env/ai.openclaw.<profile>.env`
 * (2026.6+), and the `Environment=` lines of the systemd user unit.
 */
export function envFilePaths(env: Env): string[] {
  const home = env.OPENCLAW_HOME ?? env.HOME ?? '/root';
  const state = env.OPENCLAW_STATE_DIR ?? `${home}/.openclaw`;
  const xdg = env.XDG_CONFIG_HOME ?? `${env.HOME ?? home}/.config`;
  const profile = env.OPENCLAW_PROFILE && env.OPENCLAW_PROFILE !== 'default' ? env.OPENCLAW_PROFILE : null;
  return [
    `${state}/.env`,
    `${xdg}/openclaw/gateway.env`,
    `${state}/service-env/ai.openclaw.${profile ?? 'gateway'}.env`,
    `${xdg}/systemd/user/openclaw-gateway${profile ? `-${profile}` : ''}.service`,
  ];
}

/** Secret values set in OpenClaw's env files; files that are not there are skipped. */
export async function secretsInEnvFiles(env: Env): Promise<string[]> {
  const reads = await Promise.all(envFilePaths(env).map(readText));
  return reads.flatMap((r) => (r.ok ? secretsInEnv(parseEnvFile(r.text)) : []));
}
