import type { LoginHostOption } from '@ch/contracts';
import { myDomainUrl } from '@ch/contracts';
import { AppError } from '../../http/app-error.ts';
import type { SalesforceApp } from '../../salesforce-setup.ts';

// Where an admin may sign in: the login page a connection starts at (OAuth start, Integrations page).
const FIXED_HOSTS: LoginHostOption[] = [
  { id: 'production', label: 'Production', url: 'https://login.salesforce.com' },
  { id: 'sandbox', label: 'Sandbox', url: 'https://test.salesforce.com' },
];

export function loginHostOptions(app: SalesforceApp): LoginHostOption[] {
  const emulator = app.emulatorUrl
    ? [{ id: 'emulator', label: 'Salesforce emulator (local)', url: app.emulatorUrl }]
    : [];
  return [...emulator, ...FIXED_HOSTS, { id: 'custom', label: 'Custom My Domain', url: '' }];
}

export function defaultLoginHost(app: SalesforceApp): string {
  return app.emulatorUrl ? 'emulator' : 'production';
}

/** A login host id or a My Domain URL, as the admin chose it, to the URL to sign in at. */
export function resolveLoginHost(app: SalesforceApp, value: string): string {
  const fixed = loginHostOptions(app).find((option) => option.id === value && option.url);
  if (fixed) return fixed.url;
  const custom = myDomainUrl.safeParse(value);
  if (custom.success) return new URL(custom.data).origin;
  throw new AppError(
    'bad_request',
    'Choose Production, Sandbox, or an https My Domain URL ending in salesforce.com.',
    [{ path: 'loginHost', message: 'not a known login host or an https Salesforce My Domain URL' }],
  );
}
