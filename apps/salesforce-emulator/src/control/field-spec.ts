import { CUSTOM_FIELD_TYPES, type CustomFieldSpec, type CustomFieldType } from '../store/org-fields.ts';
import { controlError } from './common.ts';

const MAX_LENGTH: Partial<Record<CustomFieldType, number>> = { string: 255, textarea: 131_072 };

function intIn(value: unknown, min: number, max: number, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    throw controlError(400, `${what} must be an integer from ${min} to ${max}`);
  return value as number;
}

/**
 * A custom field as Setup would accept it: an API name ending in `__c` (letters, digits and
 * single underscores, at most 40 characters before the suffix), a label, one of the types,
 * and the type's own settings (length; precision and scale; picklist values).
 */
export function parseFieldSpec(body: Record<string, unknown>): CustomFieldSpec {
  const { name, label, type } = body;
  if (typeof name !== 'string' || !/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/.test(name) || name.length > 43)
    throw controlError(400, 'name must be a custom field API name such as Region__c');
  if (typeof label !== 'string' || label.trim() === '' || label.length > 40)
    throw controlError(400, 'label must be 1 to 40 characters');
  if (typeof type !== 'string' || !(CUSTOM_FIELD_TYPES as readonly string[]).includes(type))
    throw controlError(400, `type must be one of ${CUSTOM_FIELD_TYPES.join(', ')}`);
  const t = type as CustomFieldType;
  const spec: CustomFieldSpec = { name, label, type: t };
  const maxLength = MAX_LENGTH[t];
  const length = intIn(body.length, 1, maxLength ?? 0, 'length');
  if (length !== undefined) {
    if (maxLength === undefined) throw controlError(400, `a ${t} field takes no length`);
    spec.length = length;
  }
  if (t === 'currency' || t === 'double') {
    spec.precision = intIn(body.precision, 1, 18, 'precision') ?? 18;
    spec.scale = intIn(body.scale, 0, spec.precision, 'scale') ?? (t === 'currency' ? 2 : 0);
  }
  if (t === 'picklist') {
    const values = body.picklistValues;
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      values.some((v) => typeof v !== 'string' || v === '' || v.length > 255) ||
      new Set(values).size !== values.length
    )
      throw controlError(400, 'picklistValues must list distinct non-empty strings');
    spec.picklistValues = values as string[];
    if (body.restricted !== undefined) spec.restricted = body.restricted === true;
  }
  return spec;
}
