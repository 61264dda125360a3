import { loginRequest } from '@ch/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useLogin } from '../api/login.ts';

/** What the user should read for each failure; the API's own message is the fallback. */
export function loginErrorMessage(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong. Try again.';
  if (error.status === 401) return 'Invalid email or password.';
  if (error.status === 429) return 'Too many attempts. Try again later.';
  if (error.status === 400) return 'Enter a valid email address and your password.';
  return error.message;
}

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const id = useId();
  const loginMutation = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [validation, setValidation] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Check locally first so a typo gets a precise message without costing a rate-limited attempt.
    const parsed = loginRequest.safeParse({ email: email.trim(), password });
    if (!parsed.success) {
      setValidation(
        parsed.error.issues[0]?.path[0] === 'email' ? 'Enter a valid email address.' : 'Enter your password.',
      );
      return;
    }
    setValidation(null);
    loginMutation.mutate(parsed.data, { onSuccess });
  };

  const error = validation ?? (loginMutation.isError ? loginErrorMessage(loginMutation.error) : null);
  const errorId = `${id}-error`;

  return (
    <form className="login-form" onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
      {error && (
        <div id={errorId}>
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          required
        />
      </div>
      <Button type="submit" className="btn-block" loading={loginMutation.isPending}>
        {loginMutation.isPending ? 'Logging in…' : 'Log in'}
      </Button>
    </form>
  );
}
