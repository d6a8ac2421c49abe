import { cause, type TextRule } from './text-rule.js';

/**
 * Failures beside the model route that no route label fixes, so they read as `unknown` (as a
 * request refused for its shape does, text-phrases.ts): each outranks the symptoms the same text
 * shows, and any route failure it names outranks it.
 */

/**
 * A conversation grown past the model's context window. Listed before the rate-limit rule, whose
 * "limit exceeded" OpenClaw's own overflow notice ("Context limit exceeded") also says.
 */
export const CONTEXT_RULES: readonly TextRule[] = [
  cause(
    'context-overflow',
    'unknown',
    /\bcontext (?:limit|length|window|size)(?: (?:was|is|has been))? exceeded\b|\bcontext_length_exceeded\b|\bexceed(?:s|ed|ing)? (?:the |its |your )?(?:model'?s? )?(?:maximum |max )?context (?:length|window|limit|size)\b|\bmaximum context length is \d+|\bprompt is too long\b|\bContext overflow ?[:—–-]|\binput (?:is )?too long for (?:the )?(?:requested )?model\b|上下文(?:长度|窗口)?(?:超(?:过|出)了?(?:限制|上限|最大)|溢出)|超(?:过|出)了?(?:模型的?)?(?:最大)?上下文/i,
  ),
];

/**
 * What the agent's tools and the CLI's own commands print. Listed after the route causes, so a
 * route failure on the same line outranks them.
 */
export const TOOL_RULES: readonly TextRule[] = [
  // OpenClaw's watchdog for an agent turn stuck in processing with no recovery: a session bug.
  cause('session-stalled', 'unknown', /\bstalled session\b[^\n]{0,120}\brecovery=none\b/i),
  // The exec tool run on a host ("exec host=node command='sw_vers'"): its output is the command's.
  cause(
    'exec-tool-call',
    'unknown',
    /\bexec\b[^\n]{0,20}\bhost\W{0,3}[=:]\W{0,3}(?:node|gateway|sandbox)\b[^\n]{0,120}\bcommand\W{0,3}[=:]/i,
  ),
  // A CLI command other than the gateway exiting non-zero ("openclaw onboard exited with code 1"),
  // or a wrapper's call to the CLI failing ("openclaw exited with error: exit status 1").
  cause(
    'cli-command-exit',
    'unknown',
    /\b(?:openclaw|clawdbot|moltbot) (?!(?:gateway|daemon|service|node|process|server|app)\b)[a-z][\w-]*(?: \S{1,40}){0,4}? (?:command |process )?exited with (?:code|status|error)\b|\b(?:openclaw|clawdbot|moltbot) exited with error: exit status [1-9]/i,
  ),
];
