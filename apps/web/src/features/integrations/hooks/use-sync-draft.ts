import type { ObjectSyncView, SyncMethod } from '@ch/contracts';
import { useState } from 'react';

export interface SyncSettingsDraft {
  method: SyncMethod | null;
  intervalMinutes: number | null;
  enabled: boolean;
  /** The chosen extra fields (API names). */
  fields: string[];
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
    fields: sync.fields,
  };
  const draft: SyncSettingsDraft = { ...saved, ...edits };
  const fieldsChanged = !sameNames(draft.fields, saved.fields);
  const dirty = fieldsChanged || KEYS.some((key) => draft[key] !== saved[key]);
  /** What Save sends: the fields only when they changed (the server checks them with Salesforce). */
  const changes = {
    method: draft.method,
    intervalMinutes: draft.intervalMinutes,
    enabled: draft.enabled,
    ...(fieldsChanged ? { fields: draft.fields } : {}),
  };

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
  const setFields = (fields: string[]) => setEdits((current) => ({ ...current, fields }));
  const clear = () => setEdits({});

  return { draft, changes, dirty, setMethod, setInterval, setEnabled, setFields, clear };
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name) => b.includes(name));
