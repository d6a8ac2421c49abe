/**
 * The chat side of the end-to-end run: the real `clawops bot` in Slack HTTP mode against the fake
 * Slack, on the test's Redis, and the flows that drive it against a scenario's real gateway and
 * real worker (test/e2e/scenario.sh with CLAWOPS_E2E_REDIS).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickPayload,
  type FakeSlack,
  postSigned,
  type SlackCall,
  slashBody,
} from '../support/fake-slack.js';
import { APPROVER, buttonsOf, REQUESTER, tsOf } from '../support/fix-harness.js';

export const ALERT_CHANNEL = 'C0ALERTS';
/** A fix runs a diagnosis before and after its command: minutes on a loaded host. */
const FIX_WAIT_MS = 8 * 60_000;
const VERDICT_WAIT_MS = 5 * 60_000;

export type Chat = { readonly fake: FakeSlack; readonly url: string };
/** A scenario waiting for the test: its folder, its host's name in chat, and its requests. */
export type Held = {
  readonly dir: string;
  readonly host: string;
  readonly ctl: (request: string) => Promise<string>;
};
export type GatewayState = { pid: number | null; listening: boolean; started: string };

const said = (c: SlackCall): string => JSON.stringify(c.args.blocks ?? c.args.text ?? '');

export type Said = { readonly ts: string; readonly text: string; readonly buttons: Map<string, string> };

function answer(c: SlackCall): Said {
  return { ts: tsOf(c), text: said(c), buttons: buttonsOf(c.args.blocks) };
}

/** Types `/claw <text>` as `user`; resolves with the first post or edit after it matching `expect`. */
async function slash(chat: Chat, text: string, expect: RegExp, user = REQUESTER): Promise<Said> {
  const before = chat.fake.calls.length;
  const form = new URLSearchParams(slashBody(chat.fake, text, { user_id: user, channel_id: 'C0OPS' }));
  await postSigned(chat.url, form.toString());
  const c = await chat.fake.waitFor(
    (x) =>
      chat.fake.calls.indexOf(x) >= before &&
      (x.method === 'chat.update' || x.method === 'chat.postMessage') &&
      expect.test(said(x)),
    VERDICT_WAIT_MS,
  );
  return answer(c);
}

/** Clicks a button as `user`; resolves with the first post or edit after it matching `expect`. */
async function click(
  chat: Chat,
  value: string,
  ts: string,
  user: string,
  expect: RegExp,
  waitMs = FIX_WAIT_MS,
): Promise<Said> {
  const before = chat.fake.calls.length;
  const payload = JSON.stringify(clickPayload(chat.fake, value, ts, user));
  await postSigned(chat.url, new URLSearchParams({ payload }).toString());
  const c = await chat.fake.waitFor(
    (x) =>
      chat.fake.calls.indexOf(x) >= before &&
      (x.method === 'chat.update' || x.method === 'chat.postMessage') &&
      expect.test(said(x)),
    waitMs,
  );
  return answer(c);
}

/** Asks the scenario to do one thing in its namespace (scenario.sh: ctl.<n>), and waits for it. */
export function controller(dir: string) {
  let n = 0;
  return async (request: string): Promise<string> => {
    const file = join(dir, `ctl.${n++}`);
    // Whole or not at all: the scenario reads the file as soon as it appears.
    writeFileSync(`${file}.tmp`, `${request}\n`);
    renameSync(`${file}.tmp`, file);
    for (let i = 0; i < 4 * 600 && !existsSync(`${file}.done`); i++)
      await new Promise((r) => setTimeout(r, 250));
    if (!existsSync(`${file}.done`)) throw new Error(`the scenario did not do "${request}"`);
    return existsSync(`${file}.out`) ? readFileSync(`${file}.out`, 'utf8') : '';
  };
}

export type ChatVerdict = { label: string | null; buttons: string[] };

async function verdictInChat(chat: Chat, host: string): Promise<{ said: Said; verdict: ChatVerdict }> {
  const header = new RegExp(`${host}: (\\w+) —`);
  const said = await slash(chat, `diagnose ${host}`, header);
  const verdict = {
    label: header.exec(said.text)?.[1] ?? null,
    buttons: [...said.buttons.keys()],
  };
  return { said, verdict };
}

/** `/claw diagnose <host>` in chat: the verdict's label and buttons as the bot posted them. */
export async function diagnoseInChat(chat: Chat, held: Held): Promise<ChatVerdict> {
  return (await verdictInChat(chat, held.host)).verdict;
}

export type FixRun = {
  verdict: ChatVerdict;
  request: string;
  result: string;
  before: GatewayState;
  after: GatewayState;
};

/**
 * Diagnose, click the fix as the requester, approve it as a second person; the gateway around it.
 * `meanwhile` runs once the fix is approved, while the worker runs it and checks it (a turn).
 */
export async function approveFix(
  chat: Chat,
  held: Held,
  button: string,
  meanwhile?: (before: GatewayState) => Promise<void>,
): Promise<FixRun> {
  const { ctl } = held;
  const { said, verdict } = await verdictInChat(chat, held.host);
  const fix = said.buttons.get(button);
  if (!fix) throw new Error(`no "${button}" button on ${said.text}`);
  const request = await click(chat, fix, said.ts, REQUESTER, /asks to run/, VERDICT_WAIT_MS);
  const approve = request.buttons.get('Approve');
  if (!approve) throw new Error(`no Approve button on ${request.text}`);
  const before = JSON.parse(await ctl('state')) as GatewayState;
  const clicked = click(chat, approve, said.ts, APPROVER, /Before/);
  // Should `meanwhile` fail, its error is the one to report, not the click's.
  clicked.catch(() => {});
  await meanwhile?.(before);
  const result = await clicked;
  const after = JSON.parse(await ctl('state')) as GatewayState;
  return {
    verdict,
    request: request.text,
    result: result.text,
    before,
    after,
  };
}
