// Text from a helpdesk is shown in people's terminals: a control character in a ticket summary ("\u001b]52;…"
// writes the clipboard, "\u001b[2J" clears the screen) must never reach one. Rather than trusting each provider
// to clean each answer, every backend goes through this one wrapper: every answer and every error message.
import { TixError } from '../core/errors.ts';
import { stripControls, stripControlsDeep } from '../core/text.ts';
import type { Backend, CapabilityApis } from './backend.ts';
import { capabilities } from './provider.ts';

/**
 * The provider's backend as commands see it: answers and errors cleaned of control characters, and exactly
 * the declared capabilities present (a provider that declares one it does not implement is a bug, caught here
 * and by the contract suite).
 */
export function cleanBackend(raw: Backend): Backend {
  const info = raw.provider;
  const backend: Backend = {
    provider: info,
    server: raw.server,
    serverInfo: cleaned(raw, raw.serverInfo),
    me: cleaned(raw, raw.me),
    logout: cleaned(raw, raw.logout),
    ...(raw.login ? { login: cleaned(raw, raw.login) } : {}),
    ...(raw.profileSettings ? { profileSettings: cleaned(raw, raw.profileSettings) } : {}),
  };
  for (const capability of capabilities) {
    const api = raw[capability];
    if (!info.capabilities.includes(capability)) continue;
    if (!api) throw new Error(`the ${info.name} provider declares ${capability} but does not implement it`);
    (backend as unknown as Record<string, unknown>)[capability] = cleanedApi(api as CapabilityApis[typeof capability]);
  }
  return backend;
}

function cleanedApi<T extends object>(api: T): T {
  const out: Record<string, unknown> = {};
  for (const name of methodNames(api)) out[name] = cleaned(api, (api as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!);
  return out as T;
}

/** Own and inherited methods: a provider may write a part as an object literal or as a class. */
function methodNames(api: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = api; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
    for (const key of Object.getOwnPropertyNames(o))
      if (key !== 'constructor' && typeof (api as Record<string, unknown>)[key] === 'function') names.add(key);
  return [...names];
}

function cleaned<A extends unknown[], R>(self: object, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return stripControlsDeep(await fn.apply(self, args));
    } catch (err) {
      throw cleanError(err);
    }
  };
}

/** An error's words may come from the helpdesk (its message, field problems, extra facts): cleaned in place. */
export function cleanError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  err.message = stripControls(err.message);
  if (err instanceof TixError) {
    const e = err as { -readonly [K in keyof TixError]: TixError[K] };
    if (e.hint) e.hint = stripControls(e.hint);
    if (e.fields) e.fields = stripControlsDeep(e.fields);
    if (e.data) e.data = stripControlsDeep(e.data);
  }
  return err;
}
