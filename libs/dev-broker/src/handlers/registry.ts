import { handleCreateTopics, handleDeleteTopics, handleInitProducerId } from './admin';
import { handleApiVersions } from './api-versions';
import type { Handler } from './context';
import { handleFetch } from './fetch';
import { handleDescribeGroups, handleFindCoordinator, handleHeartbeat, handleJoinGroup, handleLeaveGroup, handleListGroups, handleSyncGroup } from './groups';
import { handleListOffsets } from './list-offsets';
import { handleMetadata } from './metadata';
import { handleOffsetCommit, handleOffsetFetch } from './offsets';
import { handleProduce } from './produce';

/** Handler per API name (see protocol/api-definitions.ts for keys and versions). */
export const HANDLERS: Record<string, Handler> = {
  Produce: handleProduce,
  Fetch: handleFetch,
  ListOffsets: handleListOffsets,
  Metadata: handleMetadata,
  OffsetCommit: handleOffsetCommit,
  OffsetFetch: handleOffsetFetch,
  FindCoordinator: handleFindCoordinator,
  JoinGroup: handleJoinGroup,
  Heartbeat: handleHeartbeat,
  LeaveGroup: handleLeaveGroup,
  SyncGroup: handleSyncGroup,
  DescribeGroups: handleDescribeGroups,
  ListGroups: handleListGroups,
  ApiVersions: handleApiVersions,
  CreateTopics: handleCreateTopics,
  DeleteTopics: handleDeleteTopics,
  InitProducerId: handleInitProducerId,
};
