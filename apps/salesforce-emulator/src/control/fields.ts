import type { Emulator } from '../core/emulator.ts';
import { readJson, sendJson } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import { describeField } from '../rest/describe.ts';
import { customField, fullObject, hiddenNames, type OrgFields } from '../store/org-fields.ts';
import { DATA_OBJECTS, type DataObjectName } from '../store/schema.ts';
import type { Org } from '../store/types.ts';
import { controlError, objectParam, orgParam } from './common.ts';
import { parseFieldSpec } from './field-spec.ts';

function current(org: Org): OrgFields {
  return org.fields ?? { custom: {}, hidden: {} };
}

/** Every field of the object, hidden ones included, each with whether the API user may read it. */
function listFields(org: Org, object: DataObjectName) {
  const hidden = hiddenNames(org, object);
  return fullObject(org, object).fields.map((f) => ({ ...describeField(f), readable: !hidden.has(f.name) }));
}

function fieldParam(org: Org, object: DataObjectName, ctx: Ctx) {
  const wanted = (ctx.params.field ?? '').toLowerCase();
  const field = fullObject(org, object).byLowerName.get(wanted);
  if (!field) throw controlError(404, `unknown field '${ctx.params.field}' on ${object}`);
  return field;
}

/**
 * Setup's metadata changes at run time: add or delete a custom field, and grant or revoke the
 * API user's read access (field-level security), rename a custom field's label. Each replaces
 * `org.fields` as a whole.
 */
export function registerControlFields(router: Router, emu: Emulator, prefix: string): void {
  const base = `${prefix}/orgs/:org/fields/:object`;
  router.on('GET', base, (ctx) => {
    const org = orgParam(emu, ctx);
    sendJson(ctx.res, 200, { fields: listFields(org, objectParam(ctx)) });
  });

  router.on('POST', base, async (ctx) => {
    const org = orgParam(emu, ctx);
    const object = objectParam(ctx);
    const spec = parseFieldSpec((await readJson(ctx.req)) as Record<string, unknown>);
    if (fullObject(org, object).byLowerName.has(spec.name.toLowerCase()))
      throw controlError(409, `${object} already has a field named ${spec.name}`);
    const fields = current(org);
    const field = customField(spec);
    org.fields = {
      ...fields,
      custom: { ...fields.custom, [object]: [...(fields.custom[object] ?? []), field] },
    };
    sendJson(ctx.res, 201, { field: { ...describeField(field), readable: true } });
  });

  // Setup lets an admin rename a custom field's label: the API name, the data and every
  // query stay as they were, only describe's label changes.
  router.on('PATCH', `${base}/:field`, async (ctx) => {
    const org = orgParam(emu, ctx);
    const object = objectParam(ctx);
    const field = fieldParam(org, object, ctx);
    if (field.custom !== true)
      throw controlError(
        400,
        `${field.name} is a standard field; only a custom field's label can be changed here`,
      );
    const { label } = (await readJson(ctx.req)) as { label?: unknown };
    if (typeof label !== 'string' || label.trim() === '' || label.length > 40)
      throw controlError(400, 'label must be 1 to 40 characters');
    const fields = current(org);
    const renamed = { ...field, label };
    org.fields = {
      ...fields,
      custom: {
        ...fields.custom,
        [object]: (fields.custom[object] ?? []).map((f) => (f.name === field.name ? renamed : f)),
      },
    };
    sendJson(ctx.res, 200, {
      field: { ...describeField(renamed), readable: !hiddenNames(org, object).has(field.name) },
    });
  });

  // Deleting a custom field deletes its data with it: every row loses the value.
  router.on('DELETE', `${base}/:field`, (ctx) => {
    const org = orgParam(emu, ctx);
    const object = objectParam(ctx);
    const field = fieldParam(org, object, ctx);
    if (field.custom !== true)
      throw controlError(400, `${field.name} is a standard field and cannot be deleted`);
    const fields = current(org);
    org.fields = {
      custom: {
        ...fields.custom,
        [object]: (fields.custom[object] ?? []).filter((f) => f.name !== field.name),
      },
      hidden: { ...fields.hidden, [object]: (fields.hidden[object] ?? []).filter((n) => n !== field.name) },
    };
    const table = org.tables[object];
    for (const [id, row] of table.rows) {
      if (!(field.name in row)) continue;
      const { [field.name]: _dropped, ...rest } = row;
      table.rows.set(id, rest as typeof row);
    }
    sendJson(ctx.res, 200, { deleted: field.name });
  });

  // Field-level security for the API user's profile: hidden fields vanish from describe, SOQL,
  // REST and change events; a system or required field cannot be hidden.
  router.on('POST', `${base}/:field/security`, async (ctx) => {
    const org = orgParam(emu, ctx);
    const object = objectParam(ctx);
    const field = fieldParam(org, object, ctx);
    const body = (await readJson(ctx.req)) as { readable?: unknown };
    if (typeof body.readable !== 'boolean') throw controlError(400, 'readable must be true or false');
    if (!body.readable && (!field.createable || DATA_OBJECTS[object].required.includes(field.name)))
      throw controlError(400, `${field.name} is always readable`);
    const fields = current(org);
    const others = (fields.hidden[object] ?? []).filter((n) => n !== field.name);
    org.fields = {
      ...fields,
      hidden: { ...fields.hidden, [object]: body.readable ? others : [...others, field.name] },
    };
    sendJson(ctx.res, 200, { name: field.name, readable: body.readable });
  });
}
