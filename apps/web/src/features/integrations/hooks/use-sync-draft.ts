import type { ObjectSyncView, SyncMethod } from '@ch/contracts';
import { useState } from 'react';

export interface SyncSettingsDraft {
  method: SyncMethod | null;
  intervalMinutes: number | null;
  enabled: boolean;
}

const KEYS = ['method', 'intervalMinutes', 'enabled'] as const;

/**
 * A row's unsaved edits, kept apart from the server's view: the list is polled every few
 * seconds, and fields the admin has not touched keep following the server meanwhile.
 */
export function useSyncDraft(sync: ObjectSyncView) {
  const [edits, setEdits] = useState<Partial<SyncSettingsDraft>>({});
  const saved: SyncSettingsDraft = {
    method: sync.method,
    intervalMinutes: sync.intervalMinutes,
    enabled: sync.enabled,
  };
  const draft: SyncSettingsDraft = { ...saved, ...edits };
  const dirty = KEYS.some((key) => draft[key] !== saved[key]);

  const setMethod = (method: SyncMethod) =>
    // CDC has no interval; REST keeps one chosen earlier, if any.
    setEdits((current) => ({
      ...current,
      method,
      intervalMinutes: method === 'CDC' ? null : (current.intervalMinutes ?? sync.intervalMinutes),
    }));
  const setInterval = (intervalMinutes: number | null) =>
    setEdits((current) => ({ ...current, intervalMinutes }));
  const setEnabled = (enabled: boolean) => setEdits((current) => ({ ...current, enabled }));
  const clear = () => setEdits({});

  return { draft, dirty, setMethod, setInterval, setEnabled, clear };
}
