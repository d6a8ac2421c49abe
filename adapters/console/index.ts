import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { type DispatchDeps, dispatch, dispatchAction } from '../../src/core/dispatch.js';
import type { Button, Message } from '../../src/core/message.js';
import { formatReplyTo } from '../../src/core/pending.js';
import { renderConsole } from './render.js';

export type ConsoleOptions = {
  readonly input: NodeJS.ReadableStream;
  readonly write: (text: string) => void;
  readonly deps: DispatchDeps;
  /** Who is typing: the console's user id for authorization and the audit trail. */
  readonly user: string;
  readonly signal?: AbortSignal;
};

const HINT = 'Type /claw help for the commands, a number to press a button, quit to leave.\n';

/**
 * The console adapter behind `clawops dev` and `npm start`: `/claw …` lines go through the same
 * dispatch as chat, answers are printed as a chat user would see them, and the buttons of the
 * last answer are pressed by typing their number.
 */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const lines = createInterface({ input: opts.input, terminal: false });
  opts.signal?.addEventListener('abort', () => lines.close(), { once: true });
  let buttons: Button[] = [];
  const base = {
    platform: 'console' as const,
    user: { id: opts.user },
    channel: { id: 'console' },
    replyTo: formatReplyTo({ platform: 'console' }),
  };
  let lastProgress = '';
  // Progress messages grow probe by probe; the terminal gets only what is new in each.
  const progress = (m: Message) => {
    if (m.text === lastProgress) return;
    const added =
      m.text.startsWith(lastProgress) && lastProgress ? m.text.slice(lastProgress.length).trim() : m.text;
    lastProgress = m.text;
    opts.write(`${added}\n`);
  };
  const show = (m: Message) => {
    const rendered = renderConsole(m);
    buttons = rendered.buttons;
    opts.write(rendered.text);
  };
  opts.write(HINT);
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      if (/^(quit|exit)$/i.test(line)) break;
      if (/^\d+$/.test(line)) {
        const button = buttons[Number(line) - 1];
        if (!button) {
          opts.write(`there is no button ${line}${buttons.length ? ` (1–${buttons.length})` : ''}\n`);
          continue;
        }
        opts.write(`→ ${button.label}\n`);
        lastProgress = '';
        show(
          await dispatchAction(
            { ...base, requestId: randomUUID(), actionId: button.actionId },
            opts.deps,
            progress,
          ),
        );
        continue;
      }
      const text = line.match(/^\/claw(?:\s+|$)(.*)$/i)?.[1];
      if (text === undefined) {
        opts.write(`commands start with /claw. ${HINT}`);
        continue;
      }
      lastProgress = '';
      show(
        await dispatch(
          { ...base, requestId: `console-${randomUUID()}`, input: { text } },
          opts.deps,
          progress,
        ),
      );
    }
  } finally {
    lines.close();
  }
}
