import { authError, TixError } from '../core/errors.ts';
import type { LocalText } from '../core/i18n.ts';
import { t } from './messages.ts';

// The OS keychain through @napi-rs/keyring. On Linux the entry is pinned to the Secret Service (GNOME Keyring,
// KWallet, KeePassXC): the library would otherwise fall back to the kernel keyring, which forgets everything at
// logout, so a "saved" login would silently vanish.

const SERVICE_PREFIX = 'tix:';
const entryOptions = { linux: { store: 'secret-service' as const } };

export class KeychainUnavailable extends TixError {
  readonly reason: string;
  constructor(reason: LocalText, cause: unknown) {
    super(4, t.text('keychain.unusable', { reason }), { code: 'keychain_unavailable', cause, hint: t.text('keychain.hint') });
    this.reason = reason('en');
  }
}

/** Turns the library's raw errors into a reason a person can act on. */
export function explainKeychainError(err: unknown): LocalText {
  const text = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  if (
    /Failed to connect to socket|DBUS_SESSION_BUS_ADDRESS|No such file or directory|Connection refused|dbus.*(not|no).*(found|available)/i.test(
      text,
    )
  ) {
    return t.text('keychain.noDbus');
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service/i.test(text)) return t.text('keychain.noSecretService');
  if (/dismissed|locked|unlock/i.test(text)) return t.text('keychain.locked');
  const first = text.trim().split('\n')[0];
  return first ? () => first : t.text('keychain.unknown');
}

async function entry(server: string, account: string) {
  let mod: typeof import('@napi-rs/keyring');
  try {
    mod = await import('@napi-rs/keyring');
  } catch (err) {
    throw new KeychainUnavailable(t.text('keychain.noModule', { reason: (err as Error).message }), err);
  }
  try {
    return new mod.AsyncEntry(SERVICE_PREFIX + server, account, entryOptions);
  } catch (err) {
    throw new KeychainUnavailable(explainKeychainError(err), err);
  }
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TixError) throw err;
    throw new KeychainUnavailable(explainKeychainError(err), err);
  }
}

export async function keychainGet(server: string, account: string): Promise<string | null> {
  return guarded(async () => (await entry(server, account)).getPassword());
}

export async function keychainSet(server: string, account: string, token: string): Promise<void> {
  await guarded(async () => (await entry(server, account)).setPassword(token));
  // Read back: a store that accepts a write it cannot return is no better than no store.
  const back = await keychainGet(server, account);
  if (back !== token) throw authError(t.text('keychain.notReturned'), { code: 'keychain_unavailable' });
}

export async function keychainDelete(server: string, account: string): Promise<boolean> {
  return guarded(async () => (await entry(server, account)).deletePassword());
}
