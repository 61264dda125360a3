import type {
  BatchOptions,
  BatchResult,
  CdcEntity,
  GapChangeType,
  ObjectName,
  StoredEventView,
} from '../control-types.ts';
import { ControlTransport, type OrgRef } from './transport.ts';

/** An org's records, as its users would change them, and the change events they publish. */
export class RecordsControl extends ControlTransport {
  private rec(org: OrgRef, object: ObjectName): string {
    return this.orgPath(org, `/records/${object}`);
  }

  /** Creates records in one transaction (one CDC transactionKey); a record's `Id`, if given, is kept. */
  createRecords(
    org: OrgRef,
    object: ObjectName,
    records: Record<string, unknown>[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('POST', this.rec(org, object), { records, ...opts });
  }

  /** Updates records (each needs `Id`) in one transaction. */
  updateRecords(
    org: OrgRef,
    object: ObjectName,
    records: Record<string, unknown>[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('PATCH', this.rec(org, object), { records, ...opts });
  }

  deleteRecords(
    org: OrgRef,
    object: ObjectName,
    ids: string[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('POST', `${this.rec(org, object)}/delete`, { ids, ...opts });
  }

  undeleteRecords(
    org: OrgRef,
    object: ObjectName,
    ids: string[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('POST', `${this.rec(org, object)}/undelete`, { ids, ...opts });
  }

  /** The org's true state: every row of the object, recycle-bin rows included (IsDeleted true). */
  async records(org: OrgRef, object: ObjectName): Promise<Record<string, unknown>[]> {
    return (await this.call<{ records: Record<string, unknown>[] }>('GET', this.rec(org, object))).records;
  }

  async events(org: OrgRef): Promise<StoredEventView[]> {
    return (await this.call<{ events: StoredEventView[] }>('GET', this.orgPath(org, '/events'))).events;
  }

  emitGap(
    org: OrgRef,
    entity: CdcEntity,
    changeType: GapChangeType,
    recordIds: string[],
  ): Promise<{ replayIds: number[] }> {
    return this.call('POST', this.orgPath(org, '/events/gap'), { entity, changeType, recordIds });
  }

  /** Selects the objects the org publishes change events for (Setup > Change Data Capture). */
  setCdcEntities(org: OrgRef, entities: string[]): Promise<{ cdcEntities: string[] }> {
    return this.call('POST', this.orgPath(org, '/cdc-entities'), { entities });
  }

  emitOverflow(org: OrgRef, entity: CdcEntity): Promise<{ replayIds: number[] }> {
    return this.call('POST', this.orgPath(org, '/events/overflow'), { entity });
  }
}
