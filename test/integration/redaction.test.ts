import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/engine/fingerprint.js';
import { prepareScenario, runClawops, type Scenario } from '../support/scenario.js';
import { generateSecrets, type Secrets, secretLine } from '../support/secrets.js';

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.stop();
  scenario = undefined;
});

/** JSON-escapes a string for splicing into a JSON string value. */
const inJson = (s: string): string => JSON.stringify(s).slice(1, -1);

/**
 * Plants the secrets in every captured file: each log line's message and error, every probe's
 * stdout and stderr, the gateway's environment, and the config's secret fields.
 */
function planter(s: Secrets) {
  const line = secretLine(s);
  return (text: string, file: string): string => {
    if (file === 'gateway_log_file.jsonl') {
      return text
        .replaceAll('"message":"', `"message":"${inJson(line)} `)
        .replaceAll('"error":"', `"error":"${inJson(line)} `);
    }
    if (file === 'env_gateway_process.out') {
      return `${text}ANTHROPIC_API_KEY=${s.anthropicApiKey}\nANTHROPIC_AUTH_TOKEN=${s.anthropicOauthToken}\nOPENCLAW_GATEWAY_TOKEN=${s.gatewayToken}\n`;
    }
    if (file === 'openclaw.json.snapshot') {
      const config = JSON.parse(text) as {
        gateway: { auth: Record<string, string>; remote?: Record<string, string> };
      };
      config.gateway.auth.token = s.gatewayToken;
      config.gateway.remote = { password: s.devicePassword };
      return JSON.stringify(config, null, 2);
    }
    if (file.endsWith('.out') && text.trimStart().startsWith('{')) {
      // Inside JSON: in every string the engine may quote (errors, labels, paths).
      return text
        .replaceAll('"error": "', `"error": "${inJson(line)} `)
        .replaceAll('": "anthropic:', `": "${inJson(line)} anthropic:`);
    }
    if (file.endsWith('.out') || file.endsWith('.err')) return `${text}\n${line}\n`;
    return text;
  };
}

const leaks = (text: string, s: Secrets): string[] =>
  Object.entries(s)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);

describe.each(['invalid_key_401', 'gateway_client_auth', 'env_override', 'oauth_refresh_failed'])(
  'secrets planted in every output of %s',
  (name) => {
    it('survive in neither the JSON, the report, nor the debug logs', async () => {
      const secrets = generateSecrets();
      scenario = await prepareScenario(name, {
        plant: planter(secrets),
        env: { CLAWOPS_LOG_LEVEL: 'debug' },
      });
      const json = await runClawops(['diagnose', '--json'], scenario.env);
      const report = await runClawops(['diagnose'], scenario.env);
      const cooldown = await runClawops(['cooldown', '--json'], scenario.env);

      // The planted text really reached the output, redacted or as a fingerprint: otherwise this
      // test would prove nothing.
      const reached = (text: string) =>
        text.includes('[REDACTED') || text.includes(fingerprint(secrets.anthropicApiKey));
      expect(reached(json.stdout)).toBe(true);
      expect(reached(report.stdout)).toBe(true);
      expect(json.stderr).toContain('"msg":"diagnosis finished"');

      for (const output of [
        json.stdout,
        json.stderr,
        report.stdout,
        report.stderr,
        cooldown.stdout,
        cooldown.stderr,
      ]) {
        expect(leaks(output, secrets)).toEqual([]);
      }
    });
  },
);
