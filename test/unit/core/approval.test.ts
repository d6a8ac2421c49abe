import { describe, expect, it } from 'vitest';
import { type Approval, createMemoryApprovalStore, type Decision } from '../../../src/core/approval.js';

const approval: Approval = {
  fix: 'restart-gateway',
  host: 'gw-1',
  requestedBy: 'U1',
  requestedByName: 'alice',
  verdict: 'gateway_down',
  createdAt: 0,
};
const by = (who: string, outcome: Decision['outcome'] = 'approved'): Decision => ({
  outcome,
  by: who,
  byName: who,
  at: 1_000,
});

describe('approval requests in memory, as in Redis', () => {
  it('are decided once; later decisions get the first back, and the decided request is kept', async () => {
    let now = 0;
    const store = createMemoryApprovalStore(() => now);
    const id = await store.create(approval, 60_000);
    expect(await store.decide(id, by('bob'))).toMatchObject({ first: true, decision: { by: 'bob' } });
    expect(await store.decide(id, by('carol', 'denied'))).toMatchObject({
      first: false,
      decision: { by: 'bob', outcome: 'approved' },
    });
    now = 120_000;
    expect((await store.get(id))?.decision?.by).toBe('bob');
  });

  it('are open again after reopen, until their own expiry', async () => {
    let now = 0;
    const store = createMemoryApprovalStore(() => now);
    const id = await store.create(approval, 60_000);
    await store.decide(id, by('bob'));
    await store.reopen(id, 60_000);
    expect((await store.get(id))?.decision).toBeUndefined();
    expect(await store.decide(id, by('carol'))).toMatchObject({ first: true });
    await store.reopen(id, 60_000);
    now = 61_000;
    expect(await store.get(id)).toBeNull();
    expect(await store.decide(id, by('dave'))).toBeNull();
  });
});
