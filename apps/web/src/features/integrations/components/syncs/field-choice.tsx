import type { SyncFieldView, SyncObject } from '@ch/contracts';
import { maxChosenFields } from '@ch/contracts';
import { useId, useState } from 'react';
import { QueryStatus } from '../../../../components/query-status.tsx';
import { Button } from '../../../../components/ui/button.tsx';
import { errorText } from '../../api/error-text.ts';
import { useSyncFields } from '../../api/list-sync-fields.ts';

interface FieldChoiceProps {
  object: SyncObject;
  /** The chosen extra fields of the row's draft (saved with the row's Save). */
  chosen: string[];
  disabled: boolean;
  onChange: (fields: string[]) => void;
}

/**
 * The row's "Fields" disclosure: the object's readable fields from Salesforce's describe, each
 * with its label, API name and type, custom ones marked, searchable. Required fields show as
 * included and cannot be unticked. Ticking only edits the draft: the row's Save stores it.
 */
export function FieldChoice({ object, chosen, disabled, onChange }: FieldChoiceProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const fields = useSyncFields(object, open);
  const full = chosen.length >= maxChosenFields;

  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...chosen, name] : chosen.filter((chosenName) => chosenName !== name));

  return (
    <div className="field-choice">
      <div className="field-choice-head">
        <Button
          variant="secondary"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          aria-describedby={`${id}-count`}
          onClick={() => setOpen(!open)}
        >
          Fields
        </Button>
        <span id={`${id}-count`} className="muted">
          {chosen.length === 1 ? '1 field chosen' : `${chosen.length} fields chosen`} besides the required
          ones
        </span>
      </div>
      {open && (
        <div id={`${id}-panel`} className="field-choice-panel">
          <QueryStatus
            query={fields}
            loading={`Loading ${object} fields from Salesforce…`}
            failed={`Could not load the ${object} fields`}
            describeError={errorText}
          />
          {fields.data && (
            <>
              <label className="field-search">
                <span>Search fields</span>
                <input
                  type="search"
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                  placeholder="Label or API name"
                />
              </label>
              <p className="muted" role="status">
                {full
                  ? `At most ${maxChosenFields} fields can be chosen: untick one to choose another.`
                  : 'Required fields are always included.'}
              </p>
              <fieldset className="field-list">
                <legend className="visually-hidden">{object} fields kept by this sync</legend>
                <ul>
                  {matching(fields.data.fields, search).map((field) => {
                    const checked = field.required || chosen.includes(field.name);
                    const inputId = `${id}-${field.name}`;
                    return (
                      <li key={field.name}>
                        <input
                          id={inputId}
                          type="checkbox"
                          checked={checked}
                          disabled={disabled || field.required || (full && !checked)}
                          aria-describedby={`${inputId}-about`}
                          onChange={(event) => toggle(field.name, event.target.checked)}
                        />
                        <label htmlFor={inputId} className="field-label">
                          {field.label}
                        </label>
                        <span id={`${inputId}-about`} className="field-about">
                          <code>{field.name}</code>
                          <span className="field-type">{field.type}</span>
                          {field.custom && <span className="field-tag">Custom</span>}
                          {field.required && <span className="field-tag">Always included</span>}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function matching(fields: SyncFieldView[], search: string): SyncFieldView[] {
  const words = search.trim().toLowerCase();
  if (!words) return fields;
  return fields.filter((f) => f.label.toLowerCase().includes(words) || f.name.toLowerCase().includes(words));
}
