import type { Message } from './message.js';

/**
 * The messages of one answer, sent in order and never two at once: progress at most once per
 * interval (the latest wins; the first goes out at once), then the final message, which drops
 * any progress still waiting. Platform adapters supply `send` (post, then edit).
 */
export function createReplyChain(send: (m: Message) => Promise<void>, intervalMs: number) {
  let chain: Promise<unknown> = Promise.resolve();
  let pending: Message | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastSent: number | null = null;
  const sendTimed = async (m: Message) => {
    lastSent = Date.now();
    await send(m);
  };
  return {
    progress(m: Message): void {
      pending = m;
      if (timer) return;
      const wait = lastSent === null ? 0 : Math.max(0, lastSent + intervalMs - Date.now());
      timer = setTimeout(() => {
        timer = null;
        const next = pending;
        pending = null;
        // A progress edit that fails is not worth an error; the final message says it all.
        if (next) chain = chain.then(() => sendTimed(next)).catch(() => {});
      }, wait);
    },
    async final(m: Message): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      chain = chain.then(() => sendTimed(m));
      await chain;
    },
  };
}
