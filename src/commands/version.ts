import type { Command } from 'commander';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';
import { jsonFields, printJson, type JsonOption } from '../io/output.ts';
import { VERSION } from '../version.ts';
import type { Backend } from '../api/backend.ts';
import type { ServerInfo } from '../api/types.ts';
import { t } from './version.messages.ts';

export interface Options {
  io: IOStreams;
  server: boolean;
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('version')
    .description(t(l, 'description'))
    .option('--server', t(l, 'server'))
    .option('--json [fields]', t(l, 'json', { fields: 'client, server' }))
    .action(async (opts: { server?: boolean; json?: JsonOption }) => {
      // with the profile's credential when there is one: some helpdesks (Zendesk) answer nobody anonymously; a
      // missing or unreadable one leaves the question anonymous, as tix serve takes it
      const backend = async () => {
        const s = await f.session().catch(() => undefined);
        return f.backendFor(f.server(), s && { provider: s.provider, token: s.token, email: s.email });
      };
      await runF({ io: f.io, server: Boolean(opts.server), json: opts.json, backend });
    });
  return examples(cmd, ['tix version', 'tix version --server', 'tix version --server --json']);
}

export async function run(o: Options): Promise<void> {
  const fields = jsonFields(o.json, ['client', 'server']);
  // The client's version is known whatever the server does: it is printed first, and a server that cannot be
  // asked is reported after it (its exit code: 6 when unreachable), with `server: null` in valid JSON.
  let info: (ServerInfo & { url: string }) | undefined;
  let failure: unknown;
  if (o.server) {
    try {
      const backend = await o.backend();
      info = { ...(await backend.serverInfo()), url: backend.server };
    } catch (err) {
      failure = err;
    }
  }
  if (fields)
    printJson(
      o.io,
      Object.fromEntries(fields.map((f) => [f, f === 'client' ? { version: VERSION, node: process.versions.node } : (info ?? null)])),
    );
  else {
    o.io.out(`tix version ${VERSION}\n`);
    if (info) o.io.out(`server ${info.url}: ${info.name} ${info.version}, API v${info.apiVersion}\n`);
  }
  if (failure !== undefined) throw failure;
}
