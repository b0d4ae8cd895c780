import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes';

export interface Protocol {
  name: string;
  metadata: Buffer;
}

interface Member {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
  assignment: Buffer;
  lastHeartbeat: number;
  pendingJoin?: (result: JoinResult) => void;
  pendingSync?: (result: SyncResult) => void;
}

type State = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

interface Group {
  groupId: string;
  state: State;
  generation: number;
  protocolType: string;
  protocol: string;
  leader: string;
  members: Map<string, Member>;
  rebalanceTimer?: NodeJS.Timeout;
}

export interface JoinRequest {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
}

export interface JoinResult {
  errorCode: number;
  generation: number;
  protocol: string;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncResult {
  errorCode: number;
  assignment: Buffer;
}

export interface CoordinatorOptions {
  /** How long a new or emptied group waits for more members before its first generation. */
  initialRebalanceDelayMs: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /**
   * Dev/test knob, not a Kafka setting: members are expired after min(their session timeout, this),
   * so tests see a dead consumer dropped quickly without configuring every client.
   */
  sessionTimeoutCapMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

/**
 * The consumer-group coordinator: Kafka's classic rebalance protocol. A join moves the group to
 * PreparingRebalance; when every known member has re-joined (or the rebalance timeout passes, dropping
 * the absent), a new generation starts and the leader receives everyone's subscriptions; the leader's
 * SyncGroup hands each member its assignment. Members that stop heartbeating past their session
 * timeout are removed, which triggers a rebalance.
 */
export class GroupCoordinator {
  private groups = new Map<string, Group>();
  private sweeper: NodeJS.Timeout;

  constructor(private readonly options: CoordinatorOptions) {
    this.sweeper = setInterval(() => this.expireSessions(), 250);
    this.sweeper.unref();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const group of this.groups.values()) clearTimeout(group.rebalanceTimer);
  }

  join(request: JoinRequest): Promise<JoinResult> {
    const fail = (errorCode: number): Promise<JoinResult> => Promise.resolve({ errorCode, generation: -1, protocol: '', leader: '', memberId: request.memberId, members: [] });
    if (!request.groupId) return fail(ErrorCode.INVALID_GROUP_ID);
    if (request.sessionTimeoutMs < this.options.minSessionTimeoutMs || request.sessionTimeoutMs > this.options.maxSessionTimeoutMs) return fail(ErrorCode.INVALID_SESSION_TIMEOUT);
    let group = this.groups.get(request.groupId);
    if (!group) {
      group = { groupId: request.groupId, state: 'Empty', generation: 0, protocolType: request.protocolType, protocol: '', leader: '', members: new Map() };
      this.groups.set(request.groupId, group);
    }
    if (group.members.size > 0 && group.protocolType !== request.protocolType) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    if (group.members.size > 0 && !request.protocols.some((p) => this.commonProtocols(group!).includes(p.name))) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    let member = request.memberId ? group.members.get(request.memberId) : undefined;
    if (request.memberId && !member) return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    if (!member) {
      member = { memberId: `${request.clientId || 'member'}-${randomUUID()}`, groupInstanceId: request.groupInstanceId, clientId: request.clientId, clientHost: request.clientHost, sessionTimeoutMs: this.effectiveSessionTimeout(request.sessionTimeoutMs), rebalanceTimeoutMs: request.rebalanceTimeoutMs, protocolType: request.protocolType, protocols: request.protocols, assignment: Buffer.alloc(0), lastHeartbeat: this.now() };
      group.members.set(member.memberId, member);
      group.protocolType = request.protocolType;
      this.options.log?.(`group ${group.groupId}: member ${member.memberId} joined`);
    } else {
      member.protocols = request.protocols;
      member.sessionTimeoutMs = this.effectiveSessionTimeout(request.sessionTimeoutMs);
      member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
      member.lastHeartbeat = this.now();
      member.pendingJoin?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, generation: -1, protocol: '', leader: '', memberId: member.memberId, members: [] });
    }
    const joining = member;
    return new Promise<JoinResult>((resolve) => {
      joining.pendingJoin = resolve;
      this.prepareRebalance(group!, joining.memberId);
      this.maybeCompleteJoin(group!);
    });
  }

  sync(groupId: string, generation: number, memberId: string, assignments: { memberId: string; assignment: Buffer }[]): Promise<SyncResult> {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) });
    if (generation !== group.generation) return Promise.resolve({ errorCode: ErrorCode.ILLEGAL_GENERATION, assignment: Buffer.alloc(0) });
    if (group.state === 'PreparingRebalance') return Promise.resolve({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
    if (group.state === 'Stable') return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
    member.lastHeartbeat = this.now();
    return new Promise<SyncResult>((resolve) => {
      member.pendingSync = resolve;
      if (memberId === group.leader) {
        for (const m of group.members.values()) m.assignment = assignments.find((a) => a.memberId === m.memberId)?.assignment ?? Buffer.alloc(0);
        group.state = 'Stable';
        this.options.log?.(`group ${group.groupId}: generation ${group.generation} stable with ${group.members.size} member(s)`);
        for (const m of group.members.values()) {
          m.pendingSync?.({ errorCode: ErrorCode.NONE, assignment: m.assignment });
          m.pendingSync = undefined;
        }
      }
    });
  }

  heartbeat(groupId: string, generation: number, memberId: string): number {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
    member.lastHeartbeat = this.now();
    if (generation !== group.generation) return ErrorCode.ILLEGAL_GENERATION;
    if (group.state === 'PreparingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  leave(groupId: string, memberId: string): number {
    const group = this.groups.get(groupId);
    if (!group?.members.has(memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeMember(group, memberId, 'left');
    return ErrorCode.NONE;
  }

  /**
   * Whether a commit from this member and generation may be accepted. As in Kafka, commits are accepted
   * while a rebalance is being prepared (members commit what they processed before re-joining) and
   * refused only while the new assignment is being handed out.
   */
  validateCommit(groupId: string, generation: number, memberId: string): number {
    if (generation < 0 && !memberId) return ErrorCode.NONE; // a commit outside group management
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    if (generation !== group.generation) return ErrorCode.ILLEGAL_GENERATION;
    member.lastHeartbeat = this.now();
    return ErrorCode.NONE;
  }

  describe(groupId: string) {
    const group = this.groups.get(groupId);
    if (!group) return { state: 'Dead', protocolType: '', protocol: '', members: [] as { memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[] };
    return {
      state: group.state,
      protocolType: group.protocolType,
      protocol: group.protocol,
      members: [...group.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost, metadata: m.protocols.find((p) => p.name === group.protocol)?.metadata ?? Buffer.alloc(0), assignment: m.assignment })),
    };
  }

  list(): { groupId: string; protocolType: string }[] {
    return [...this.groups.values()].map((g) => ({ groupId: g.groupId, protocolType: g.protocolType }));
  }

  private effectiveSessionTimeout(requestedMs: number): number {
    return Math.min(requestedMs, this.options.sessionTimeoutCapMs ?? Number.POSITIVE_INFINITY);
  }

  private commonProtocols(group: Group): string[] {
    const members = [...group.members.values()];
    if (members.length === 0) return [];
    return members[0].protocols.map((p) => p.name).filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
  }

  private prepareRebalance(group: Group, _trigger: string): void {
    if (group.state === 'PreparingRebalance') return;
    const wasEmpty = group.state === 'Empty';
    group.state = 'PreparingRebalance';
    // Members waiting in SyncGroup learn of the new rebalance now.
    for (const m of group.members.values()) {
      m.pendingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
      m.pendingSync = undefined;
    }
    const timeout = wasEmpty ? this.options.initialRebalanceDelayMs : Math.max(...[...group.members.values()].map((m) => m.rebalanceTimeoutMs));
    clearTimeout(group.rebalanceTimer);
    group.rebalanceTimer = setTimeout(() => this.completeJoin(group, true), timeout);
    group.rebalanceTimer.unref();
  }

  private maybeCompleteJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    const waitingForNew = group.generation === 0 || group.members.size === 0;
    if (waitingForNew && this.options.initialRebalanceDelayMs > 0) return; // the timer completes it
    if ([...group.members.values()].every((m) => m.pendingJoin)) this.completeJoin(group, false);
  }

  private completeJoin(group: Group, timedOut: boolean): void {
    if (group.state !== 'PreparingRebalance') return;
    clearTimeout(group.rebalanceTimer);
    if (timedOut) for (const m of [...group.members.values()]) if (!m.pendingJoin) group.members.delete(m.memberId);
    if (group.members.size === 0) {
      group.state = 'Empty';
      return;
    }
    if (![...group.members.values()].every((m) => m.pendingJoin)) return;
    group.generation++;
    group.protocol = this.commonProtocols(group)[0] ?? '';
    if (!group.members.has(group.leader)) group.leader = group.members.keys().next().value as string;
    group.state = 'CompletingRebalance';
    const members = [...group.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.protocols.find((p) => p.name === group.protocol)?.metadata ?? Buffer.alloc(0) }));
    for (const m of group.members.values()) {
      m.lastHeartbeat = this.now();
      m.pendingJoin?.({ errorCode: ErrorCode.NONE, generation: group.generation, protocol: group.protocol, leader: group.leader, memberId: m.memberId, members: m.memberId === group.leader ? members : [] });
      m.pendingJoin = undefined;
    }
  }

  private removeMember(group: Group, memberId: string, why: string): void {
    const member = group.members.get(memberId);
    if (!member) return;
    group.members.delete(memberId);
    member.pendingJoin?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, generation: -1, protocol: '', leader: '', memberId, members: [] });
    member.pendingSync?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) });
    this.options.log?.(`group ${group.groupId}: member ${memberId} ${why}`);
    if (group.members.size === 0) {
      clearTimeout(group.rebalanceTimer);
      group.state = 'Empty';
      return;
    }
    this.prepareRebalance(group, memberId);
    this.maybeCompleteJoin(group);
  }

  private expireSessions(): void {
    const now = this.now();
    for (const group of this.groups.values()) {
      for (const member of [...group.members.values()]) {
        // A member waiting in JoinGroup is alive (its join is the heartbeat).
        if (!member.pendingJoin && now - member.lastHeartbeat > member.sessionTimeoutMs) this.removeMember(group, member.memberId, `expired (no heartbeat for ${member.sessionTimeoutMs} ms)`);
      }
    }
  }
}
