import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { QueryStatus } from './query-status.tsx';

type Answer = () => Promise<string>;

/** A real query whose answers the test hands out one by one. */
function Things({ answers, describeError }: { answers: Answer[]; describeError?: (error: Error) => string }) {
  const query = useQuery({ queryKey: ['things'], queryFn: () => answers.shift()!(), retry: false });
  return (
    <>
      <QueryStatus
        query={query}
        loading="Loading things…"
        failed="Could not load things"
        describeError={describeError}
      />
      {query.data && <p>Got {query.data}</p>}
    </>
  );
}

function renderThings(answers: Answer[], describeError?: (error: Error) => string) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <Things answers={answers} describeError={describeError} />
    </QueryClientProvider>,
  );
  return client;
}

/** An answer the test gives later, so the states in between can be seen. */
function later() {
  let give!: (value: string) => void;
  const answer: Answer = () => new Promise((resolve) => (give = resolve));
  return { answer, give: (value: string) => give(value) };
}

const fail = (message: string) => () => Promise.reject(new Error(message));

describe('QueryStatus', () => {
  it('announces the wait, then gets out of the way of the data', async () => {
    const first = later();
    renderThings([first.answer]);
    expect(screen.getByRole('status').textContent).toBe('Loading things…');
    first.give('apples');
    expect(await screen.findByText('Got apples')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names what failed and why; Try again announces the new wait and loads it', async () => {
    const retried = later();
    renderThings([fail('The server answered 502. Try again later.'), retried.answer]);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not load things')).toBeTruthy();
    expect(alert.textContent).toContain('The server answered 502. Try again later.');

    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('status')).textContent).toBe('Loading things…');
    expect(screen.queryByRole('alert')).toBeNull();
    retried.give('pears');
    expect(await screen.findByText('Got pears')).toBeTruthy();
  });

  it('keeps the data beside a failed refresh, and its Try again spins while it runs', async () => {
    const retried = later();
    const client = renderThings([() => Promise.resolve('apples'), fail('Gone away.'), retried.answer]);
    await screen.findByText('Got apples');
    await client.refetchQueries({ queryKey: ['things'] });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Gone away.');
    expect(screen.getByText('Got apples')).toBeTruthy();
    const retry = within(alert).getByRole('button', { name: 'Try again' });
    await userEvent.click(retry);
    expect(retry.getAttribute('aria-busy')).toBe('true');
    expect((retry as HTMLButtonElement).disabled).toBe(true);
    retried.give('pears');
    expect(await screen.findByText('Got pears')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('uses the feature’s own words for the error when given', async () => {
    renderThings([fail('No such endpoint.')], () => 'Turned off.');
    expect((await screen.findByRole('alert')).textContent).toContain('Turned off.');
  });
});
