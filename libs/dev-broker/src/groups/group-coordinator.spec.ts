import { ErrorCode } from '../protocol/error-codes';
import { GroupCoordinator } from './group-coordinator';

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 10000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('GroupCoordinator', () => {
  let coordinator: GroupCoordinator;
  afterEach(() => coordinator?.close());

  const join = (memberId: string) =>
    coordinator.join({ groupId: 'g', memberId, groupInstanceId: null, clientId: 'c', clientHost: 'h', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 5000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: Buffer.from('m') }] });

  it('rebalances when a member joins, and caps session timeouts when told to: a silent member is dropped long before its own 30 s', async () => {
    coordinator = new GroupCoordinator({ initialRebalanceDelayMs: 0, minSessionTimeoutMs: 1000, maxSessionTimeoutMs: 300000, sessionTimeoutCapMs: 1000 });
    const a = await join('');
    expect([a.errorCode, a.generation, a.leader]).toEqual([ErrorCode.NONE, 1, a.memberId]);
    expect((await coordinator.sync('g', 1, a.memberId, [{ memberId: a.memberId, assignment: Buffer.from('all') }])).assignment.toString()).toBe('all');

    // A second member: the first learns of the rebalance through its heartbeat and re-joins.
    const bJoin = join('');
    expect(coordinator.heartbeat('g', 1, a.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const [a2, b] = await Promise.all([join(a.memberId), bJoin]);
    expect([a2.generation, b.generation]).toEqual([2, 2]);
    expect(a2.members.map((m) => m.memberId).sort()).toEqual([a.memberId, b.memberId].sort());
    const assignments = [{ memberId: a.memberId, assignment: Buffer.from('p0') }, { memberId: b.memberId, assignment: Buffer.from('p1') }];
    const [syncA, syncB] = await Promise.all([coordinator.sync('g', 2, a.memberId, assignments), coordinator.sync('g', 2, b.memberId, [])]);
    expect([syncA.assignment.toString(), syncB.assignment.toString()]).toEqual(['p0', 'p1']);

    // b goes silent; a keeps heartbeating. With the cap, b expires after ~1 s instead of 30 s.
    let heartbeat: number = ErrorCode.NONE;
    await waitFor(() => (heartbeat = coordinator.heartbeat('g', 2, a.memberId)) !== ErrorCode.NONE, 'the silent member to expire');
    expect(heartbeat).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(coordinator.validateCommit('g', 2, a.memberId)).toBe(ErrorCode.NONE); // commits still land while the rebalance is prepared
    const a3 = await join(a.memberId);
    expect([a3.generation, a3.members.map((m) => m.memberId)]).toEqual([3, [a.memberId]]);
    expect(coordinator.heartbeat('g', 2, b.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('rejects session timeouts outside the allowed range', async () => {
    coordinator = new GroupCoordinator({ initialRebalanceDelayMs: 0, minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 20000 });
    expect((await join('')).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
  });
});
