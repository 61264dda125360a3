import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest. A ciphertext reads `v1.<keyId>.<iv>.<tag>.<data>` (base64url),
 * so a key can rotate: new secrets use the first key, old ones decrypt with the key they name.
 * Keys come from TOKEN_ENCRYPTION_KEY as `id:base64key[,id:base64key...]`.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
  currentKeyId: string;
}

export function parseKeyring(value: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of value.split(',')) {
    const [id, material, ...rest] = entry.trim().split(':');
    if (!id || !material || rest.length > 0 || !/^[\w-]{1,32}$/.test(id)) {
      throw new Error('each key must read <id>:<base64 of 32 bytes>');
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
  }
  return keys;
}

export function createSecretBox(keyring: string): SecretBox {
  const keys = parseKeyring(keyring);
  const [currentKeyId, currentKey] = [...keys.entries()][0]!;
  return {
    currentKeyId,
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(currentKeyId));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
      return ['v1', currentKeyId, ...parts].join('.');
    },
    open(sealed) {
      const [version, keyId, iv, tag, data] = sealed.split('.');
      const key = keyId ? keys.get(keyId) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || data === undefined) {
        throw new Error(`cannot open secret sealed with key ${keyId ?? '?'}`);
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId!));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

export function generateKey(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
