import { type DestinationStream, type Logger, pino } from 'pino';
import { redactSecretsInText } from './log-redaction.ts';

/**
 * JSON logs. Credentials are redacted by path as a second line of defence: no code should log
 * them in the first place. URLs are the exception that code logs on purpose (one line per
 * request): their secret query values (an OAuth code and state, a token) are redacted in every
 * line written, whichever field carries them.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.accessToken',
        '*.refreshToken',
        '*.access_token',
        '*.refresh_token',
      ],
      censor: '[redacted]',
    },
    hooks: { streamWrite: redactSecretsInText },
  };
  return destination ? pino(options, destination) : pino(options);
}
