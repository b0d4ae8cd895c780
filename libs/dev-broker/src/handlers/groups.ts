import { ErrorCode } from '../protocol/error-codes';
import type { Handler } from './context';

export const handleFindCoordinator: Handler = (_request, _info, broker) => ({
  throttle_time_ms: 0,
  error_code: ErrorCode.NONE,
  error_message: null,
  node_id: broker.nodeId,
  host: broker.host,
  port: broker.port,
});

export const handleJoinGroup: Handler = async (request, info, broker) => {
  const result = await broker.groups.join({
    groupId: request.group_id as string,
    memberId: request.member_id as string,
    groupInstanceId: (request.group_instance_id as string | null | undefined) ?? null,
    clientId: info.clientId,
    clientHost: info.clientHost,
    sessionTimeoutMs: request.session_timeout_ms as number,
    // v0 has no rebalance timeout: Kafka uses the session timeout.
    rebalanceTimeoutMs: (request.rebalance_timeout_ms as number | undefined) ?? (request.session_timeout_ms as number),
    protocolType: request.protocol_type as string,
    protocols: request.protocols as { name: string; metadata: Buffer }[],
  });
  return {
    throttle_time_ms: 0,
    error_code: result.errorCode,
    generation_id: result.generation,
    protocol_name: result.protocol,
    leader: result.leader,
    member_id: result.memberId,
    members: result.members.map((m) => ({ member_id: m.memberId, group_instance_id: m.groupInstanceId, metadata: m.metadata })),
  };
};

export const handleSyncGroup: Handler = async (request, _info, broker) => {
  const assignments = (request.assignments as { member_id: string; assignment: Buffer }[]).map((a) => ({ memberId: a.member_id, assignment: a.assignment }));
  const result = await broker.groups.sync(request.group_id as string, request.generation_id as number, request.member_id as string, assignments);
  return { throttle_time_ms: 0, error_code: result.errorCode, assignment: result.assignment };
};

export const handleHeartbeat: Handler = (request, _info, broker) => ({
  throttle_time_ms: 0,
  error_code: broker.groups.heartbeat(request.group_id as string, request.generation_id as number, request.member_id as string),
});

export const handleLeaveGroup: Handler = (request, info, broker) => {
  const group = request.group_id as string;
  if (info.version < 3) return { throttle_time_ms: 0, error_code: broker.groups.leave(group, request.member_id as string) };
  const members = (request.members as { member_id: string; group_instance_id: string | null }[]).map((m) => ({ ...m, error_code: broker.groups.leave(group, m.member_id) }));
  return { throttle_time_ms: 0, error_code: ErrorCode.NONE, members };
};

export const handleDescribeGroups: Handler = (request, _info, broker) => ({
  throttle_time_ms: 0,
  groups: (request.groups as string[]).map((groupId) => {
    const d = broker.groups.describe(groupId);
    return {
      error_code: ErrorCode.NONE,
      group_id: groupId,
      group_state: d.state,
      protocol_type: d.protocolType,
      protocol_data: d.protocol,
      members: d.members.map((m) => ({ member_id: m.memberId, group_instance_id: m.groupInstanceId, client_id: m.clientId, client_host: m.clientHost, member_metadata: m.metadata, member_assignment: m.assignment })),
      authorized_operations: -2147483648,
    };
  }),
});

export const handleListGroups: Handler = (_request, _info, broker) => ({
  throttle_time_ms: 0,
  error_code: ErrorCode.NONE,
  groups: broker.groups.list().map((g) => ({ group_id: g.groupId, protocol_type: g.protocolType })),
});
