import { DiscordAPIError } from 'discord.js';
import { UserError } from '../../src/core/errors.js';

/** Discord's JSON error codes met at start-up. @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json */
const UNKNOWN_APPLICATION = 10002;
const UNKNOWN_GUILD = 10004;
const MISSING_ACCESS = 50001;

export type StartContext = { readonly applicationId: string; readonly guildId?: string | undefined };

/**
 * Why the Discord side could not start, as a message naming the variable to fix; `null` when
 * the failure is not one a setting explains.
 */
export function startFailure(err: unknown, ctx: StartContext): UserError | null {
  const code = (err as { code?: unknown }).code;
  const api = err instanceof DiscordAPIError ? err : null;
  if (code === 'TokenInvalid' || api?.status === 401)
    return new UserError(
      'config',
      'Discord refused DISCORD_TOKEN (401 Unauthorized): it is wrong, or was reset or revoked. Set DISCORD_TOKEN to the bot token from the Developer Portal (Bot → Reset Token).',
      { cause: err },
    );
  if (!api) return null;
  const where = ctx.guildId ? `in guild ${ctx.guildId}` : 'globally';
  if (api.code === UNKNOWN_GUILD)
    return new UserError(
      'config',
      `Discord knows no guild ${ctx.guildId} (Unknown Guild). Set DISCORD_GUILD_ID to the server's id (Copy Server ID), or leave it unset to register /claw globally.`,
      { cause: err },
    );
  if (api.code === UNKNOWN_APPLICATION)
    return new UserError(
      'config',
      `Discord knows no application ${ctx.applicationId} (Unknown Application). Set DISCORD_APPLICATION_ID to the Application ID of the bot's application.`,
      { cause: err },
    );
  if (api.code === MISSING_ACCESS || api.status === 403)
    return new UserError(
      'config',
      `/claw could not be registered ${where}: ${api.message}. Invite the bot to that server with the applications.commands scope, or fix DISCORD_GUILD_ID${ctx.guildId ? '' : ' (unset)'} and DISCORD_APPLICATION_ID (${ctx.applicationId}).`,
      { cause: err },
    );
  return null;
}
