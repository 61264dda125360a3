import type { Prng } from '../core/prng.ts';
import { type CustomFieldSpec, customField, type OrgFields } from './org-fields.ts';

/**
 * Acme's custom fields, as a campaign team would have added them in Setup, and one
 * (Internal_Notes__c) whose field-level security hides it from the integration user's profile.
 */
export const ACME_CUSTOM_FIELDS: { Contact: CustomFieldSpec[]; Lead: CustomFieldSpec[] } = {
  Contact: [
    {
      name: 'Preferred_Language__c',
      label: 'Preferred Language',
      type: 'picklist',
      picklistValues: ['English', 'Spanish', 'French', 'German'],
    },
    { name: 'Best_Time_To_Call__c', label: 'Best Time To Call', type: 'string', length: 40 },
    { name: 'Lifetime_Value__c', label: 'Lifetime Value', type: 'currency', precision: 18, scale: 2 },
    { name: 'Consent_Date__c', label: 'Consent Date', type: 'date' },
    { name: 'Internal_Notes__c', label: 'Internal Notes', type: 'textarea', length: 255 },
  ],
  Lead: [
    { name: 'Region__c', label: 'Region', type: 'picklist', picklistValues: ['AMER', 'EMEA', 'APAC'] },
    { name: 'Lead_Score__c', label: 'Lead Score', type: 'double', precision: 5, scale: 1 },
  ],
};

export function acmeFields(): OrgFields {
  return {
    custom: {
      Contact: ACME_CUSTOM_FIELDS.Contact.map(customField),
      Lead: ACME_CUSTOM_FIELDS.Lead.map(customField),
    },
    hidden: { Contact: ['Internal_Notes__c'] },
  };
}

const CALL_TIMES = ['Mornings', 'Afternoons', 'Evenings', 'Weekdays 9-12', 'After 6 pm', 'Lunchtime'];
const NOTES = ['Prefers email follow-up', 'Escalated billing question', 'VIP: handle personally'];

/** Most records carry a value; a few leave a field empty, as real data does. */
function maybe<T>(prng: Prng, value: () => T, fill = 0.85): T | null {
  return prng.next() < fill ? value() : null;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function contactCustomValues(prng: Prng, now: number): Record<string, unknown> {
  return {
    Preferred_Language__c: maybe(prng, () => prng.pick(['English', 'Spanish', 'French', 'German'])),
    Best_Time_To_Call__c: maybe(prng, () => prng.pick(CALL_TIMES), 0.7),
    Lifetime_Value__c: maybe(prng, () => prng.int(0, 5_000_000) / 100),
    Consent_Date__c: maybe(prng, () => isoDay(now - prng.int(1, 730) * 86_400_000), 0.6),
    Internal_Notes__c: maybe(prng, () => prng.pick(NOTES), 0.3),
  };
}

export function leadCustomValues(prng: Prng): Record<string, unknown> {
  return {
    Region__c: maybe(prng, () => prng.pick(['AMER', 'EMEA', 'APAC'])),
    Lead_Score__c: maybe(prng, () => prng.int(0, 1000) / 10),
  };
}
