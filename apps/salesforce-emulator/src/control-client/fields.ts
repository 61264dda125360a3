import type { CustomFieldInput, FieldView, ObjectName } from '../control-types.ts';
import { BulkControl } from './bulk.ts';
import type { OrgRef } from './transport.ts';

/** An org's metadata as Setup changes it: custom fields and the API user's field-level security. */
export class FieldsControl extends BulkControl {
  private fieldsPath(org: OrgRef, object: ObjectName, field?: string): string {
    return this.orgPath(org, `/fields/${object}${field ? `/${encodeURIComponent(field)}` : ''}`);
  }

  /** Every field of the object, hidden ones included (`readable: false`). */
  async fields(org: OrgRef, object: ObjectName): Promise<FieldView[]> {
    return (await this.call<{ fields: FieldView[] }>('GET', this.fieldsPath(org, object))).fields;
  }

  async addField(org: OrgRef, object: ObjectName, field: CustomFieldInput): Promise<FieldView> {
    return (await this.call<{ field: FieldView }>('POST', this.fieldsPath(org, object), field)).field;
  }

  /** Renames a custom field's label; its API name and values stay. */
  async relabelField(org: OrgRef, object: ObjectName, name: string, label: string): Promise<FieldView> {
    return (await this.call<{ field: FieldView }>('PATCH', this.fieldsPath(org, object, name), { label }))
      .field;
  }

  /** Deletes a custom field and its values. */
  async removeField(org: OrgRef, object: ObjectName, name: string): Promise<void> {
    await this.call('DELETE', this.fieldsPath(org, object, name));
  }

  /** Field-level security: whether the API user may read (and write) the field. */
  async setFieldReadable(org: OrgRef, object: ObjectName, name: string, readable: boolean): Promise<void> {
    await this.call('POST', `${this.fieldsPath(org, object, name)}/security`, { readable });
  }

  hideField(org: OrgRef, object: ObjectName, name: string): Promise<void> {
    return this.setFieldReadable(org, object, name, false);
  }

  showField(org: OrgRef, object: ObjectName, name: string): Promise<void> {
    return this.setFieldReadable(org, object, name, true);
  }
}
