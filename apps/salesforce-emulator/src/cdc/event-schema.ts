import type { Emulator } from '../core/emulator.ts';
import { sendJson, sfError } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { authed } from '../rest/gate.ts';
import { CDC_ENTITIES, DATA_OBJECTS, type DataObjectName, type FieldType } from '../store/schema.ts';
import { CHANGE_EVENT_HEADER_FIELD } from './change-event-header.ts';
import { COMPOUND_FIELDS } from './compound.ts';
import { schemaId } from './events.ts';

type AvroField = { name: string; type: unknown; default: null };

const AVRO: Partial<Record<FieldType, string>> = { boolean: 'boolean', int: 'int', datetime: 'long' };
const nullable = (name: string, type: unknown): AvroField => ({ name, type: ['null', type], default: null });

/**
 * The change event's Avro schema, as Salesforce serves it: record fields, with the components of
 * a compound field (Name, MailingAddress, a Lead's Address) inside one nested record, as events
 * carry them. Fields events never carry (Id, the flat Name, IsDeleted, SystemModstamp) are absent.
 */
export function eventSchema(entity: DataObjectName) {
  const compound = COMPOUND_FIELDS[entity] ?? {};
  const fields: (AvroField | typeof CHANGE_EVENT_HEADER_FIELD)[] = [CHANGE_EVENT_HEADER_FIELD];
  const nested = new Map<string, AvroField[]>();
  for (const f of DATA_OBJECTS[entity].fields) {
    if (['Id', 'Name', 'IsDeleted', 'SystemModstamp'].includes(f.name)) continue;
    const component = compound[f.name];
    const field = nullable(component ? component[1] : f.name, AVRO[f.type] ?? 'string');
    if (!component) {
      fields.push(field);
      continue;
    }
    const parts = nested.get(component[0]);
    if (parts) parts.push(field);
    else {
      const list = [field];
      nested.set(component[0], list);
      fields.push(
        nullable(component[0], { type: 'record', name: `${entity}_${component[0]}`, fields: list }),
      );
    }
  }
  return { name: `${entity}ChangeEvent`, namespace: 'com.sforce.eventbus', type: 'record', fields };
}

/** GET /event/eventSchema/{schemaId} and /sobjects/{Entity}ChangeEvent/eventSchema. */
export function registerEventSchema(router: Router, emu: Emulator): void {
  const send = (entity: string | undefined, res: Parameters<typeof sendJson>[0]) => {
    if (!entity) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    sendJson(res, 200, { ...eventSchema(entity as DataObjectName), uuid: schemaId(entity) });
  };
  router.on(
    'GET',
    '/services/data/:version/event/eventSchema/:schemaId',
    authed(emu, ({ res, params }) =>
      send(
        CDC_ENTITIES.find((e) => schemaId(e) === params.schemaId),
        res,
      ),
    ),
  );
  router.on(
    'GET',
    '/services/data/:version/sobjects/:event/eventSchema',
    authed(emu, ({ res, params }) =>
      send(
        CDC_ENTITIES.find((e) => `${e}ChangeEvent` === params.event),
        res,
      ),
    ),
  );
}
