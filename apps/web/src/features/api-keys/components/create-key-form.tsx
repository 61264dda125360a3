import type { ApiKeyScope } from '@ch/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { useCreateApiKey } from '../api/create-api-key.ts';
import { type KeyFormErrors, NAME_MAX, serverErrors, validateKey } from './key-form-errors.ts';
import { SCOPE_DESCRIPTION, SCOPES } from './scope-labels.ts';

export interface CreatedKey {
  name: string;
  key: string;
}

/** Name and scopes of a new key, checked here first with the contract, then by the API. */
export function CreateKeyForm({ onCreated }: { onCreated: (created: CreatedKey) => void }) {
  const id = useId();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [errors, setErrors] = useState<KeyFormErrors>({});

  const toggle = (scope: ApiKeyScope, on: boolean) => {
    // Kept in the contract's order, so the request reads the same whatever order they were ticked.
    setScopes((current) => SCOPES.filter((s) => (s === scope ? on : current.includes(s))));
    setErrors(({ scopes: _, ...rest }) => rest);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { data, errors: invalid } = validateKey({ name, scopes });
    if (invalid) {
      setErrors(invalid);
      return;
    }
    setErrors({});
    create.mutate(data, {
      onSuccess: ({ apiKey, key }) => {
        onCreated({ name: apiKey.name, key });
        setName('');
        setScopes([]);
        // Drops the response (and the key in it) from the mutation cache; the panel keeps the only copy.
        create.reset();
      },
      onError: (error) => setErrors(serverErrors(error)),
    });
  };

  const errorId = (field: 'name' | 'scopes') => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <form className="card create-key-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create key</h2>
      {errors.form && (
        <Alert tone="error" title="Could not create the key">
          <p>{errors.form}</p>
        </Alert>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={NAME_MAX}
          autoComplete="off"
          required
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={[`${id}-name-hint`, errorId('name')].filter(Boolean).join(' ')}
          onChange={(event) => {
            setName(event.target.value);
            setErrors(({ name: _, ...rest }) => rest);
          }}
        />
        <p id={`${id}-name-hint`} className="hint">
          What will use it, e.g. “Campaign module”. Up to {NAME_MAX} characters.
        </p>
        {errors.name && (
          <p id={errorId('name')} className="field-error">
            {errors.name}
          </p>
        )}
      </div>
      <fieldset
        className="scope-fieldset"
        aria-invalid={errors.scopes ? true : undefined}
        aria-describedby={errorId('scopes')}
      >
        <legend>Scopes</legend>
        <p className="hint">Choose at least one. A key can do only what its scopes allow.</p>
        {SCOPES.map((scope) => (
          <div key={scope} className="scope-option">
            <input
              id={`${id}-${scope}`}
              type="checkbox"
              checked={scopes.includes(scope)}
              aria-describedby={`${id}-${scope}-about`}
              onChange={(event) => toggle(scope, event.target.checked)}
            />
            <label htmlFor={`${id}-${scope}`}>
              <code>{scope}</code>
            </label>
            <p id={`${id}-${scope}-about`} className="scope-about">
              {SCOPE_DESCRIPTION[scope]}
            </p>
          </div>
        ))}
        {errors.scopes && (
          <p id={errorId('scopes')} className="field-error">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <div>
        <Button type="submit" loading={create.isPending}>
          Create key
        </Button>
      </div>
    </form>
  );
}
