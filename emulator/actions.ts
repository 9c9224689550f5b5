/** The six operations the emulator speaks, and the API version they belong to. */

export const API_VERSION = '2018-05-10';

export type Family = 'summary' | 'detail';
export type EmulatorOperation = 'create' | 'list' | 'delete';

export const ACTIONS = {
  CreateUserUsageDataExportTask: { family: 'summary', operation: 'create' },
  DescribeUserUsageDataExportTask: { family: 'summary', operation: 'list' },
  DeleteUserUsageDataExportTask: { family: 'summary', operation: 'delete' },
  CreateUsageDetailDataExportTask: { family: 'detail', operation: 'create' },
  DescribeUserUsageDetailDataExportTask: { family: 'detail', operation: 'list' },
  DeleteUsageDetailDataExportTask: { family: 'detail', operation: 'delete' },
} as const satisfies Record<string, { family: Family; operation: EmulatorOperation }>;

export type ActionName = keyof typeof ACTIONS;

export const ACTION_NAMES = Object.keys(ACTIONS) as [ActionName, ...ActionName[]];

export function isActionName(value: string | undefined): value is ActionName {
  return value !== undefined && Object.hasOwn(ACTIONS, value);
}
