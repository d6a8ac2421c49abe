import { defineCommand, type Parsed } from '../src/core/command.js';
import type { Block } from '../src/core/message.js';
import { explain as classify } from '../src/engine/explain.js';
import { LABEL_INFO } from '../src/engine/labels.js';
import { isModelGuess } from '../src/engine/model-guess.js';

/** `share` or `--share` before the text: the answer goes to the channel, not only to the requester. */
const SHARE = /^(?:--)?share\b\s*/i;

const PASTE = 'paste the error after the command (start with share to show the answer to the channel).';

/** The pasted text, and whether it starts by asking for the answer to be shared. */
const pasted = (words: string): Parsed<{ share: boolean; text: string }> => {
  const text = words.replace(SHARE, '').trim();
  return text ? { ok: true, value: { share: SHARE.test(words), text } } : { ok: false, problem: PASTE };
};

export const explain = defineCommand({
  name: 'explain',
  summary:
    'classify a pasted error or log excerpt; only you see the answer unless the text starts with share',
  options: [
    {
      name: 'text',
      description: 'the error message or log excerpt; start with share to show the answer to the channel',
      required: true,
      rest: true,
      parse: pasted,
      missing: PASTE,
    },
  ],
  async run(ctx) {
    const { share, text } = ctx.args.text;
    const e = classify(text);
    const { verdict } = e;
    // A guess of the learned model is headed as one: "likely", not the label as a finding.
    const guess = isModelGuess(verdict.rule);
    const headline = guess
      ? `🤔 likely ${verdict.label} — ${LABEL_INFO[verdict.label].title} (a guess from the wording)`
      : `🔎 ${verdict.label} — ${LABEL_INFO[verdict.label].title}`;
    const blocks: Block[] = [
      { type: 'header', text: headline },
      { type: 'markdown', text: `${verdict.summary}\n*Owner:* ${verdict.owner ?? 'nobody'}` },
    ];
    for (const f of e.findings.slice(0, 3))
      blocks.push({ type: 'code', text: f.evidence.map((ev) => ev.text).join('\n') || f.title });
    return {
      text: `${guess ? `likely ${verdict.label}, a guess` : verdict.label} (owner: ${verdict.owner ?? 'nobody'}): ${verdict.summary}`,
      blocks,
      tone: verdict.label === 'healthy' ? 'ok' : 'problem',
      // Pasted text may hold a secret no rule knows: it stays with the person who pasted it.
      visibility: share ? 'channel' : 'requester',
    };
  },
});
