import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { TokenKind } from '../api/types.ts';

// Passwords: scrypt with a per-password salt; the parameters travel with the hash so they can be raised later.
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

// A hash to verify against when the e-mail is unknown, so a wrong e-mail costs the same time as a wrong
// password and timing does not tell which accounts exist.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

// Tokens are 32 random bytes; only their SHA-256 is stored (they carry enough entropy that a slow hash adds
// nothing). The prefix tells session tokens (tixs_) from personal access tokens (tixp_) at a glance.
export function newToken(kind: TokenKind): { token: string; hash: string; prefix: string } {
  const token = `${kind === 'session' ? 'tixs' : 'tixp'}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 9) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
