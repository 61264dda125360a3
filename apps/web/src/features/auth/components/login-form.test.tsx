import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockApi, renderApp } from '../../../test/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());

async function submit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('login page', () => {
  it('says the credentials are wrong on a 401', async () => {
    mockApi({
      'GET /api/auth/me': () => apiError(401, 'unauthenticated', 'Log in first.'),
      'POST /api/auth/login': () => apiError(401, 'invalid_credentials', 'Bad credentials'),
    });
    renderApp('/login');
    await submit('admin@demo.test', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid email or password.');
  });

  it('asks the user to wait on a 429', async () => {
    mockApi({
      'GET /api/auth/me': () => apiError(401, 'unauthenticated', 'Log in first.'),
      'POST /api/auth/login': () => apiError(429, 'rate_limited', 'Slow down'),
    });
    renderApp('/login');
    await submit('admin@demo.test', 'wrong');
    expect(await screen.findByText('Too many attempts. Try again later.')).toBeTruthy();
  });

  it('checks the email locally before spending an attempt', async () => {
    const fetchMock = mockApi({
      'GET /api/auth/me': () => apiError(401, 'unauthenticated', 'Log in first.'),
    });
    renderApp('/login');
    await submit('not-an-email', 'x');
    expect(await screen.findByText('Enter a valid email address.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('sends the credentials as JSON and lands on the first Admin page', async () => {
    let loggedIn = false;
    const fetchMock = mockApi({
      'GET /api/auth/me': () =>
        loggedIn ? json(200, makeMe('ADMIN', ['integrations'])) : apiError(401, 'unauthenticated', 'No'),
      'POST /api/auth/login': () => {
        loggedIn = true;
        return new Response(null, { status: 204 });
      },
      'GET /api/integrations': () => json(200, { integrations: [] }),
    });
    const { router } = renderApp('/login');
    await submit('admin@demo.test', 'demo-password');

    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/admin/integrations');
    const [, init] = fetchMock.mock.calls.find(([url]) => url === '/api/auth/login')!;
    expect(init?.body).toBe(JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }));
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
  });
});
