import { checkConfig, configWarnings, type Role } from '../config.js';
import { UserError } from '../core/errors.js';
import { HEALTH_PORTS } from '../observe/serve-health.js';
import { describeRedis } from '../queue/redis.js';
import { parseVerbArgs } from './args.js';
import { EXIT, type Verb } from './io.js';

const ROLES: readonly Role[] = ['bot', 'worker', 'dev', 'any'];

export const configVerb: Verb = {
  name: 'config',
  summary: 'check the settings (environment and CLAWOPS_CONFIG) without starting anything',
  help: `Usage: clawops config check [--role bot|worker|dev]

Validates every setting clawops reads — the environment and the config file named by
CLAWOPS_CONFIG — and reports every problem at once, each with its variable (or its place in the
file). With --role it also checks what that process needs: the bot a chat platform and Redis,
the worker Redis; it warns when the worker would find no openclaw executable on PATH. Starts
nothing, connects to nothing, prints no secret. Exit status: 0 valid, 1 problems found, 2 usage.
`,
  async run(io) {
    const { values, positionals } = parseVerbArgs(
      'config',
      io.args,
      {
        help: { type: 'boolean', short: 'h', default: false },
        role: { type: 'string', default: 'any' },
      },
      true,
    );
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    if (positionals.length !== 1 || positionals[0] !== 'check')
      throw new UserError('usage', 'usage: clawops config check [--role bot|worker|dev]');
    const role = values.role as Role;
    if (!ROLES.includes(role))
      throw new UserError('usage', `--role must be one of bot, worker, dev (got "${values.role}")`);
    const { config, problems } = checkConfig(io.env, role);
    if (!config || problems.length) {
      io.stdout(
        `clawops config: ${problems.length} problem${problems.length === 1 ? '' : 's'}${role === 'any' ? '' : ` for the ${role}`}:\n${problems.map((p) => `  • ${p}`).join('\n')}\n`,
      );
      return EXIT.problem;
    }
    const warnings = configWarnings(config, role, io.env);
    const on = (b: boolean) => (b ? 'on' : 'off');
    io.stdout(
      [
        `clawops config: valid${role === 'any' ? '' : ` for the ${role}`}`,
        `  config file    ${config.configFile ?? 'none'}`,
        `  host           ${config.host}`,
        `  redis          ${config.redisUrl ? describeRedis(config.redisUrl) : 'none (in-process)'}`,
        `  slack          ${config.slack ? (config.slack.appToken ? 'Socket Mode' : `HTTP on port ${config.httpPort}`) : 'off'}`,
        `  discord        ${config.discord ? `application ${config.discord.applicationId}` : 'off'}`,
        `  approvers      ${config.approval.approvers.length} user(s), ${config.approval.groups.length} group(s); self-approval ${on(config.approval.allowSelf)}`,
        `  alerts         ${config.alerts.configured ? `to ${[...config.alerts.platforms].join(' and ')}` : 'off'}`,
        `  restart        ${config.restart.method}, at most ${config.restart.perHour} per hour`,
        `  health port    ${config.health.port === null ? 'off' : (config.health.port ?? `default (bot ${HEALTH_PORTS.bot}, worker ${HEALTH_PORTS.worker})`)}`,
        ...warnings.map((w) => `  ⚠ ${w}`),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
