import { describe, expect, it } from 'vitest';
import { textMessage } from '../../../src/core/message.js';
import { createReplyChain } from '../../../src/core/reply-chain.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the reply chain of one answer', () => {
  it('sends the first progress at once, then only the latest per interval, and the final last', async () => {
    const sent: string[] = [];
    const chain = createReplyChain(async (m) => {
      sent.push(m.text);
    }, 100);
    chain.progress(textMessage('p1'));
    await sleep(10);
    for (const t of ['p2', 'p3', 'p4']) chain.progress(textMessage(t));
    await sleep(150);
    chain.progress(textMessage('p5'));
    await chain.final(textMessage('done'));
    await sleep(150);
    expect(sent).toEqual(['p1', 'p4', 'done']);
  });

  it('keeps going after a failed progress edit, and reports a failed final', async () => {
    let n = 0;
    const chain = createReplyChain(async () => {
      n++;
      if (n === 1) throw new Error('edit failed');
      if (n === 2) throw new Error('final failed');
    }, 10);
    chain.progress(textMessage('p'));
    await sleep(20);
    await expect(chain.final(textMessage('f'))).rejects.toThrow('final failed');
  });
});
