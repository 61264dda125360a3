import { describe, expect, it } from 'vitest';
import { createSecretBox, generateKey } from './secret-box.ts';

describe('secret box', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const box = createSecretBox(generateKey());
    const a = box.seal('00Dxx!secret-token');
    const b = box.seal('00Dxx!secret-token');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('secret-token');
    expect(box.open(a)).toBe('00Dxx!secret-token');
  });

  it('opens secrets sealed under an older key after rotation, and seals with the new one', () => {
    const oldKey = generateKey('k1');
    const sealed = createSecretBox(oldKey).seal('refresh');
    const rotated = createSecretBox(`${generateKey('k2')},${oldKey}`);
    expect(rotated.open(sealed)).toBe('refresh');
    expect(rotated.seal('x').split('.')[1]).toBe('k2');
  });

  it('rejects tampered ciphertexts and unknown keys', () => {
    const box = createSecretBox(generateKey());
    const sealed = box.seal('value');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox(generateKey('k9')).open(sealed)).toThrow(/key k1/);
  });

  it('refuses malformed keyrings', () => {
    expect(() => createSecretBox('k1:short')).toThrow(/32 bytes/);
    expect(() => createSecretBox('nonsense')).toThrow(/<id>:<base64/);
  });
});
