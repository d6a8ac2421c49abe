import { commands } from '../../commands/index.js';
import type { Config } from '../config.js';
import type { BotParts } from '../core/bot-parts.js';
import type { DispatchDeps } from '../core/dispatch.js';
import { createRegistry } from '../core/registry.js';
import type { Logger } from '../logger.js';
import { redisFull } from '../queue/redis.js';

/** Everything dispatch needs, from the settings and the bot's parts. */
export function chatDepsFor(
  config: Config,
  parts: BotParts,
  log: Logger,
  over: Partial<DispatchDeps> = {},
): DispatchDeps {
  return {
    registry: createRegistry(commands),
    transport: parts,
    actions: parts.actions,
    fixes: {
      approvals: parts.approvals,
      audit: parts.audit,
      approvers: config.approval.approvers,
      groups: config.approval.groups,
      allowSelf: config.approval.allowSelf,
      ttlMs: config.approval.ttlMs,
    },
    access: config.access,
    pending: parts.pending,
    defaultHost: config.defaultHost,
    logError: (err, inv) => log.error({ err: String(err), requestId: inv.requestId }, 'command failed'),
    ...(config.redisUrl
      ? { describeError: (err: unknown) => redisFull(err, config.redisUrl as string) }
      : {}),
    ...over,
  };
}
