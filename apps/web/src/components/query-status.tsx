import type { UseQueryResult } from '@tanstack/react-query';
import { Alert } from './ui/alert.tsx';
import { Button } from './ui/button.tsx';
import { Loading } from './ui/loading.tsx';

interface QueryStatusProps {
  query: Pick<UseQueryResult<unknown, Error>, 'isPending' | 'isError' | 'error' | 'isFetching' | 'refetch'>;
  /** Announced while the first answer is awaited, e.g. "Loading API keys…". */
  loading: string;
  /** Names what failed, e.g. "Could not load API keys". */
  failed: string;
  /** The words for the error, where a feature has its own (the default is the API's message). */
  describeError?: (error: Error) => string;
}

/**
 * A query's loading and error states, the same on every page: the wait is announced politely
 * (role="status"), a failure at once (role="alert") with what failed, why, and Try again, which
 * spins while the retry runs. Renders nothing once there is data, so the page shows it below.
 */
export function QueryStatus({
  query,
  loading,
  failed,
  describeError = (error) => error.message,
}: QueryStatusProps) {
  if (query.isPending) return <Loading label={loading} />;
  // Also after a failed refetch, when the page still shows the data it had.
  if (!query.isError || !query.error) return null;
  return (
    <Alert tone="error" title={failed}>
      <p>{describeError(query.error)}</p>
      <Button variant="secondary" onClick={() => query.refetch()} loading={query.isFetching}>
        Try again
      </Button>
    </Alert>
  );
}
