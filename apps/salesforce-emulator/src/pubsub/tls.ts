import { ServerCredentials } from '@grpc/grpc-js';
import { generate } from 'selfsigned';

export interface PubSubCertificate {
  /** PEM of the certificate, for a client that wants to trust it instead of skipping the check. */
  cert: string;
  credentials: ServerCredentials;
}

/**
 * A fresh self-signed certificate per start (Salesforce's endpoint speaks TLS only, so does this
 * one): valid for localhost and the loopback addresses plus the host the server binds.
 */
export async function selfSignedCertificate(host: string): Promise<PubSubCertificate> {
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (/^[\d.]+$|:/.test(host)) altNames.push({ type: 7, ip: host });
  else if (host !== 'localhost') altNames.push({ type: 2, value: host });
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return {
    cert: pems.cert,
    credentials: ServerCredentials.createSsl(null, [
      { private_key: Buffer.from(pems.private), cert_chain: Buffer.from(pems.cert) },
    ]),
  };
}
