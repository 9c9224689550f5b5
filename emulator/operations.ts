/** The six export operations: validation, effect on the task store, and the documented success bodies. */
import { ACTIONS, type ActionName, type Family } from './actions';
import { apiErrors } from './errors';
import type { Params } from './signature';
import type { EmulatorState } from './state';
import type { NewTask, Task } from './store';
import { formatApiTime } from './time';
import {
  parseDetailType,
  parseDomainSelection,
  parseLanguage,
  parsePaging,
  parsePeriod,
  parseTaskId,
  parseTaskName,
} from './validation';

export interface OperationContext {
  state: EmulatorState;
  nowMs: number;
  /** `http://host:port` as the client reached the emulator, for download URLs. */
  baseUrl: string;
  /** Asked only once a create has passed validation, so a refused call does not use up a `taskFails` fault. */
  taskFails: () => boolean;
}

/** Every success body but its `RequestId`, which the caller puts first. */
export type OperationResult = Record<string, unknown>;

function create(family: Family, params: Params, context: OperationContext): OperationResult {
  const { state, nowMs } = context;
  const period = parsePeriod(params, nowMs);
  const common = { name: parseTaskName(params), ...period };
  let spec: NewTask;
  if (family === 'summary') {
    spec = { family, ...common, language: parseLanguage(params), domains: [...state.options.domains] };
  } else {
    const type = parseDetailType(params);
    const language = parseLanguage(params);
    spec = { family, ...common, type, language, ...parseDomainSelection(params, state.options.domains) };
  }
  const task = state.store.create(spec, nowMs, context.taskFails());
  return { TaskId: task.id, StartTime: formatApiTime(task.startMs), EndTime: formatApiTime(task.endMs) };
}

function listItem(task: Task, context: OperationContext, expiresS: number) {
  const { status, updatedMs } = context.state.store.stateOf(task, context.nowMs);
  return {
    TaskId: task.id,
    TaskName: task.name,
    Status: status,
    CreateTime: formatApiTime(task.createdMs),
    UpdateTime: formatApiTime(updatedMs),
    // A fresh URL on every list answer, valid for the TTL from this moment, as object storage hands them out.
    DownloadUrl: status === 'success' ? context.state.urls.sign(context.baseUrl, task.family, task.id, expiresS) : '',
    TaskConfig: { StartTime: formatApiTime(task.startMs), EndTime: formatApiTime(task.endMs) },
  };
}

function list(family: Family, params: Params, context: OperationContext): OperationResult {
  const { pageNumber, pageSize } = parsePaging(params);
  const { total, tasks } = context.state.store.list(family, context.nowMs, pageNumber, pageSize);
  const expiresS = Math.floor(context.nowMs / 1000) + context.state.options.urlTtlS;
  return {
    UsageDataPerPage: {
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: total,
      Data: { DataItem: tasks.map((task) => listItem(task, context, expiresS)) },
    },
  };
}

function remove(family: Family, params: Params, context: OperationContext): OperationResult {
  const id = parseTaskId(params);
  if (!context.state.store.delete(family, id, context.nowMs)) throw apiErrors.taskIdMalformed();
  context.state.files.delete(id);
  return {};
}

export function runOperation(action: ActionName, params: Params, context: OperationContext): OperationResult {
  const { family, operation } = ACTIONS[action];
  switch (operation) {
    case 'create':
      return create(family, params, context);
    case 'list':
      return list(family, params, context);
    case 'delete':
      return remove(family, params, context);
  }
}
