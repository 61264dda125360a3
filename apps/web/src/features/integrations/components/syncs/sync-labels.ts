import type { ObjectSyncView, SyncMethod, SyncObject, SyncRunView, SyncStatus } from '@ch/contracts';

/** The words the user guide uses for each status; Error is capitalized there as an alarm. */
export const STATUS_TEXT: Record<SyncStatus, string> = { active: 'active', paused: 'paused', error: 'Error' };
export const STATUS_CLASS: Record<SyncStatus, string> = {
  active: 'status-success',
  paused: 'status-neutral',
  error: 'status-error',
};

/** Short method names for the summary; the modal spells them out. */
export const METHOD_SHORT: Record<SyncMethod, string> = { CDC: 'CDC', REST: 'REST' };
export const METHOD_LABEL: Record<SyncMethod, string> = { CDC: 'CDC (real-time)', REST: 'REST Polling' };
export const INTERVALS = [5, 10, 15, 30] as const;

/** The field each 400 issue path refers to, as the row labels it. */
export const FIELD_LABEL: Record<string, string> = {
  method: 'Sync method',
  intervalMinutes: 'Interval',
  enabled: 'Enabled',
};

const number = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => number.format(n);
export const recordsText = (n: number) => `${formatCount(n)} ${n === 1 ? 'record' : 'records'}`;

/** Removing a sync takes its campaign data sources with it; the prompt says how many. */
export function removePrompt(sync: Pick<ObjectSyncView, 'object' | 'dataSourceCount'>): string {
  const question = `Remove the ${sync.object} sync?`;
  const n = sync.dataSourceCount;
  if (n === 0) return question;
  const sources = n === 1 ? '1 campaign data source that uses it' : `${n} campaign data sources that use it`;
  return `${question} ${sources} will be removed too.`;
}

/** How many campaign data sources read the object; nothing to say when none do. */
export function usedByText(dataSourceCount: number): string | null {
  if (dataSourceCount <= 0) return null;
  const sources = dataSourceCount === 1 ? 'campaign data source' : 'campaign data sources';
  return `Used by ${formatCount(dataSourceCount)} ${sources}`;
}

export const removeLabel = (object: SyncObject) => `Remove ${object} sync`;

const RUN_KIND: Record<SyncRunView['kind'], string> = {
  full: 'Full load',
  incremental: 'Changes',
  cdc: 'CDC events',
};
const RUN_OUTCOME: Record<SyncRunView['outcome'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  deferred: 'deferred',
};
export const runKindText = (run: SyncRunView) => RUN_KIND[run.kind];
export const runOutcomeText = (run: SyncRunView) => RUN_OUTCOME[run.outcome];

/**
 * A sync that is off and has never run is not "active" in any sense an admin means: it has not
 * started. Its hint says what is still missing, in the order the modal asks for it.
 */
export function notStarted(
  sync: Pick<ObjectSyncView, 'status' | 'enabled' | 'lastSuccessAt' | 'recentRuns'>,
) {
  return (
    sync.status === 'active' && !sync.enabled && sync.lastSuccessAt === null && sync.recentRuns.length === 0
  );
}

export const notStartedHint = (sync: Pick<ObjectSyncView, 'method'>) =>
  sync.method === null ? 'choose a method, turn it on, Save' : 'turn it on, Save';

/** The status badge's words and tone, with "not started" where the guide's three do not fit. */
export function statusBadge(sync: Parameters<typeof notStarted>[0]): { text: string; className: string } {
  if (notStarted(sync)) return { text: 'not started', className: 'status-neutral' };
  return { text: STATUS_TEXT[sync.status], className: STATUS_CLASS[sync.status] };
}
