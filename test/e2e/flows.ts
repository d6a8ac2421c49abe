/**
 * What the team does in chat with a scenario's real gateway, once its diagnosis is done. Each
 * flow returns what it saw; e2e.test.ts judges it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlackCall } from '../support/fake-slack.js';
import {
  ALERT_CHANNEL,
  approveFix,
  type Chat,
  type ChatVerdict,
  diagnoseInChat,
  type FixRun,
  type GatewayState,
  type Held,
} from './chat-flows.js';

const ROTATED_KEY = 'sk-ant-api03-FAKE-e2e-ROTATED-key-7777';

/** The exit code of a scenario step (its last run), from its timings.tsv. */
function stepExit(dir: string, step: string): number | null {
  const row = readFileSync(join(dir, 'timings.tsv'), 'utf8')
    .split('\n')
    .findLast((l) => l.startsWith(`${step}\t`));
  return row === undefined ? null : Number(row.split('\t')[2]);
}

/** `/claw diagnose` in chat, for the verdict the CLI got. */
const chatFlow = (chat: Chat, h: Held): Promise<ChatVerdict> => diagnoseInChat(chat, h);

export type StartFlow = { verdict: ChatVerdict; restartDown: { exitCode: number | null; stdout: string } };

/** gateway_down with no service manager: what chat offers, and what the real restart did. */
async function startFlow(chat: Chat, h: Held): Promise<StartFlow> {
  const verdict = await diagnoseInChat(chat, h);
  return {
    verdict,
    restartDown: {
      exitCode: stepExit(h.dir, 'restart_down'),
      stdout: readFileSync(join(h.dir, 'restart_down.out'), 'utf8'),
    },
  };
}

/** A fix run with the exit code of the agent turn sent after its restart. */
export type TurnedFix = FixRun & { turnExit: number | null };
export type RestartFlow = { restart: TurnedFix; rotated: TurnedFix; start: FixRun };

/**
 * Once the real gateway has restarted (a newer "http server listening" line, its port
 * listening), one real agent turn through it: the live evidence the fix's after-check waits for.
 */
const turnAfterRestart =
  (h: Held, name: string) =>
  async (before: GatewayState): Promise<void> => {
    for (let i = 0; i < 150; i++) {
      const now = JSON.parse(await h.ctl('state')) as GatewayState;
      if (now.listening && now.started > before.started) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    await h.ctl(`turn ${name}`);
  };

async function restartWithTurn(chat: Chat, h: Held, turn: string): Promise<TurnedFix> {
  const run = await approveFix(chat, h, 'Restart the gateway', turnAfterRestart(h, turn));
  return { ...run, turnExit: stepExit(h.dir, turn) };
}

/**
 * A revoked key: the approved restart restarts the real gateway, the turn after it is refused
 * again, and the result says honestly that it did not fix the key. Then the key is rotated in
 * the gateway's auth profile: the approved restart, and the turn after it that gets its answer,
 * give "fixed". Then the gateway is stopped; the approved Start (the worker's
 * CLAWOPS_START_COMMAND) brings it back.
 */
async function restartFlow(chat: Chat, h: Held): Promise<RestartFlow> {
  const restart = await restartWithTurn(chat, h, 'agent_after_restart');
  await h.ctl(`rotate ${ROTATED_KEY}`);
  const rotated = await restartWithTurn(chat, h, 'agent_after_rotate');
  await h.ctl('stop');
  const start = await approveFix(chat, h, 'Start the gateway');
  return { restart, rotated, start };
}

export type CooldownFlow = { alerts: string[]; edits: string[] };

const inAlertChannel = (c: SlackCall) => c.args.channel === ALERT_CHANNEL;
const said = (c: SlackCall) => JSON.stringify(c.args.blocks ?? c.args.text ?? '');

/**
 * The alert of a real rate-limit cooldown, then turns until one succeeds, and the alert's edit
 * to resolved (when the window ends or the turn succeeds, whichever the watcher sees first).
 */
async function cooldownFlow(chat: Chat, h: Held): Promise<CooldownFlow> {
  await chat.fake.waitFor((c) => c.method === 'chat.postMessage' && inAlertChannel(c), 5 * 60_000);
  for (let i = 0; i < 3; i++) {
    await h.ctl(`turn agent_late_${i}`);
    if (stepExit(h.dir, `agent_late_${i}`) === 0) break;
    await new Promise((r) => setTimeout(r, 20_000));
  }
  await chat.fake
    .waitFor((c) => c.method === 'chat.update' && inAlertChannel(c) && /Resolved/.test(said(c)), 3 * 60_000)
    .catch(() => null);
  return {
    alerts: chat.fake.calls.filter((c) => c.method === 'chat.postMessage' && inAlertChannel(c)).map(said),
    edits: chat.fake.calls.filter((c) => c.method === 'chat.update' && inAlertChannel(c)).map(said),
  };
}

export const FLOWS = {
  chat: chatFlow,
  start: startFlow,
  restart: restartFlow,
  cooldown: cooldownFlow,
} satisfies Record<string, (chat: Chat, h: Held) => Promise<unknown>>;
export type FlowName = keyof typeof FLOWS;
