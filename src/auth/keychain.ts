import { authError, TixError } from '../core/errors.ts';

// The OS keychain through @napi-rs/keyring. On Linux the entry is pinned to the Secret Service (GNOME Keyring,
// KWallet, KeePassXC): the library would otherwise fall back to the kernel keyring, which forgets everything at
// logout, so a "saved" login would silently vanish.

const SERVICE_PREFIX = 'tix:';
const entryOptions = { linux: { store: 'secret-service' as const } };

export class KeychainUnavailable extends TixError {
  readonly reason: string;
  constructor(reason: string, cause: unknown) {
    super(4, `the OS keychain is not usable: ${reason}`, {
      code: 'keychain_unavailable',
      cause,
      hint: 'log in again with --insecure-storage to keep the token in a 0600 file, or set TIX_TOKEN for this shell or job',
    });
    this.reason = reason;
  }
}

/** Turns the library's raw errors into a reason a person can act on. */
export function explainKeychainError(err: unknown): string {
  const text = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  if (
    /Failed to connect to socket|DBUS_SESSION_BUS_ADDRESS|No such file or directory|Connection refused|dbus.*(not|no).*(found|available)/i.test(
      text,
    )
  ) {
    return 'no D-Bus session bus is reachable (DBUS_SESSION_BUS_ADDRESS is unset or points nowhere); start one with dbus-run-session or log in to a desktop session';
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|was not provided by any \.service/i.test(text)) {
    return 'no Secret Service provider is running (install and start gnome-keyring, KWallet or KeePassXC)';
  }
  if (/dismissed|locked|unlock/i.test(text))
    return 'the keyring collection is locked and could not be unlocked here (no prompt is possible)';
  return text.trim().split('\n')[0] || 'unknown keychain error';
}

async function entry(server: string, account: string) {
  let mod: typeof import('@napi-rs/keyring');
  try {
    mod = await import('@napi-rs/keyring');
  } catch (err) {
    throw new KeychainUnavailable(`the keychain module cannot load on this platform (${(err as Error).message})`, err);
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
  if (back !== token)
    throw authError('the OS keychain accepted the token but did not return it; refusing to rely on it', { code: 'keychain_unavailable' });
}

export async function keychainDelete(server: string, account: string): Promise<boolean> {
  return guarded(async () => (await entry(server, account)).deletePassword());
}
