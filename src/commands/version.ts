import type { Command } from 'commander';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';
import { jsonFields, printJson, type JsonOption } from '../io/output.ts';
import { VERSION } from '../version.ts';
import type { Backend } from '../api/backend.ts';

export interface Options {
  io: IOStreams;
  server: boolean;
  json: JsonOption;
  backend: () => Promise<Backend>;
}

export function register(parent: Command, f: Factory, runF = run): Command {
  const cmd = parent
    .command('version')
    .description("Print tix's version, and with --server the configured server's")
    .option('--server', 'also ask the configured server for its version and API version')
    .option('--json [fields]', 'print JSON (fields: client, server)')
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
  const backend = o.server ? await o.backend() : undefined;
  const info = backend ? { ...(await backend.serverInfo()), url: backend.server } : undefined;
  if (fields)
    return printJson(
      o.io,
      Object.fromEntries(fields.map((f) => [f, f === 'client' ? { version: VERSION, node: process.versions.node } : (info ?? null)])),
    );
  o.io.out(`tix version ${VERSION}\n`);
  if (info) o.io.out(`server ${info.url}: ${info.name} ${info.version}, API v${info.apiVersion}\n`);
}
