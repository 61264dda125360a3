import { type LoginHostOption, myDomainUrl } from '@ch/contracts';
import { useState } from 'react';

export const CUSTOM_HOST = 'custom';

const MY_DOMAIN_ERROR = 'Enter an https URL ending in salesforce.com, e.g. https://acme.my.salesforce.com.';

/**
 * Where the admin signs in to Salesforce: a host from the API's list, or a My Domain URL checked
 * here with the same schema the API applies, so a typo is caught before a window opens.
 */
export function useLoginHost(hosts: LoginHostOption[], defaultHost: string) {
  const [hostId, setHostId] = useState(() =>
    hosts.some((host) => host.id === defaultHost) ? defaultHost : (hosts[0]?.id ?? defaultHost),
  );
  const [customUrl, setCustomUrlState] = useState('');
  const [error, setError] = useState<string | null>(null);

  const validate = (url: string) => (myDomainUrl.safeParse(url.trim()).success ? null : MY_DOMAIN_ERROR);

  return {
    hosts,
    hostId,
    customUrl,
    error,
    setHostId: (id: string) => {
      setHostId(id);
      setError(null);
    },
    setCustomUrl: (url: string) => {
      setCustomUrlState(url);
      // Clear a shown error as soon as the input becomes valid, never flag while still typing.
      if (error && !validate(url)) setError(null);
    },
    /** On leaving the field: say what is wrong with a non-empty URL. */
    check: () => setError(customUrl.trim() ? validate(customUrl) : null),
    /** The `loginHost` to start sign-in with, or null (and an error shown) when the URL is invalid. */
    resolve: (): string | null => {
      if (hostId !== CUSTOM_HOST) return hostId;
      const problem = validate(customUrl);
      setError(problem);
      return problem ? null : customUrl.trim();
    },
  };
}

export type LoginHostChoice = ReturnType<typeof useLoginHost>;
