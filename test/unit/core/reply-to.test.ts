import { describe, expect, it } from 'vitest';
import { formatReplyTo, parseReplyTo } from '../../../src/core/pending.js';

describe('replyTo: where an invocation is answered', () => {
  it.each([
    [{ platform: 'slack', channel: 'C123' }, 'slack:C123'],
    [{ platform: 'slack', channel: 'C123', thread: '1712345678.0001' }, 'slack:C123:1712345678.0001'],
    [{ platform: 'discord', channel: '123456789012345678' }, 'discord:123456789012345678'],
    [{ platform: 'console', channel: '' }, 'console'],
  ])('writes %j as %s and reads it back as the same place', (to, written) => {
    expect(formatReplyTo(to)).toBe(written);
    expect(parseReplyTo(written)).toEqual(to);
  });

  it('leaves out an undefined thread, and a thread without a channel', () => {
    expect(formatReplyTo({ platform: 'slack', channel: 'C1', thread: undefined })).toBe('slack:C1');
    expect(formatReplyTo({ platform: 'slack', thread: '1712345678.0001' })).toBe('slack');
  });
});
