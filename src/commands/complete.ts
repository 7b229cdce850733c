import { Argument, type Command, Option } from 'commander';
import { type Backend, need } from '../api/backend.ts';
import type { ProviderInfo } from '../api/provider.ts';
import type { FieldSpec } from '../core/catalog.ts';
import { type StatusCategory, statusCategoryMeaning, statusWords } from '../core/status.ts';
import { type Locale, pickText } from '../core/i18n.ts';
import type { ConfigData } from '../auth/config.ts';
import { dynamicKinds, type DynamicKind } from '../cli/completion/hints.ts';
import { t } from '../cli/completion/messages.ts';
import type { Factory } from '../cli/factory.ts';
import { examples } from '../cli/help-text.ts';
import type { IOStreams } from '../io/iostreams.ts';

export interface Options {
  io: IOStreams;
  what: DynamicKind;
  /** the word being completed, as typed so far (`severity=` picks that field's values) */
  word: string;
  /** the request type given on the command line, for `fields` */
  type?: string;
  /** a backend that gives up fast: no retries, short timeouts */
  backend: () => Promise<Backend>;
  /** what the profile's provider declares (statuses complete without a network call) */
  providerInfo: () => ProviderInfo;
  config: () => ConfigData;
  timeoutMs?: number;
}

/** The longest a shell waits on a completion, whatever the network and the keychain do. */
const TIMEOUT_MS = 1500;

// Hidden: the completion scripts call it for what only the server (or the config file) knows. It prints one
// candidate per line, "value<TAB>description" (the description in the reader's language, the value English and
// stable), and on any failure (offline, logged out, slow) nothing at all, exiting 0: a completion must never
// print errors into someone's command line.
export function register(parent: Command, f: Factory, runF = run): Command {
  const l = f.io.locale;
  const cmd = parent
    .command('__complete', { hidden: true })
    .description(t(l, 'complete.description'))
    .addArgument(new Argument('<what>', dynamicKinds.join(', ')).choices(dynamicKinds))
    .addArgument(new Argument('[word]', t(l, 'complete.word')))
    .addOption(new Option('--type <type>', t(l, 'complete.type')))
    .action(async (what: DynamicKind, word: string | undefined, opts: { type?: string }) =>
      runF({
        io: f.io,
        what,
        word: word ?? '',
        type: opts.type,
        backend: f.quickBackend,
        providerInfo: f.providerInfo,
        config: f.config,
      }),
    );
  return examples(cmd, ['tix __complete ticket-ids', 'tix __complete establishments', 'tix __complete fields --type incident severity=']);
}

export async function run(o: Options): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), o.timeoutMs ?? TIMEOUT_MS);
  });
  try {
    const lines = await Promise.race([candidates(o).catch(() => []), timeout]);
    for (const line of lines) o.io.out(`${line}\n`);
  } finally {
    clearTimeout(timer);
  }
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

async function candidates(o: Options): Promise<string[]> {
  const l = o.io.locale;
  switch (o.what) {
    case 'profiles':
      return Object.entries(o.config().profiles ?? {}).map(
        ([name, p]) => `${name}\t${p.email ? t(l, 'complete.profile', { email: p.email, server: p.server }) : p.server}`,
      );
    case 'types':
      return (await need(await o.backend(), 'requestTypes').catalog()).types.map(
        (type) => `${type.id}\t${clean(pickText(type.label, l))} (${type.category})`,
      );
    case 'ticket-ids':
      return (await need(await o.backend(), 'tickets').list({ limit: 50 })).items.map((x) => `${x.ref}\t${clean(x.summary)} (${x.status})`);
    case 'statuses': {
      // the helpdesk's own names, then the categories that work everywhere
      const info = o.providerInfo();
      return statusWords(info.statuses).map((word) => {
        const own = info.statuses.find((s) => s.name === word);
        return `${word}\t${own ? own.category : t(l, 'complete.anyStatus', { category: word, meaning: statusCategoryMeaning(word as StatusCategory, l) })}`;
      });
    }
    case 'establishments': {
      // the SIRETs (what scripts should write) with their names, then the names, which --establishment accepts too
      const mine = (await (await o.backend()).me()).establishments;
      const names = mine.map((e) => clean(e.name));
      const unique = names.filter((name, i) => names.indexOf(name) === i && names.lastIndexOf(name) === i);
      return [
        ...mine.map((e) => `${e.siret}\t${clean(e.name)}`),
        ...mine.filter((e) => unique.includes(clean(e.name))).map((e) => `${clean(e.name)}\t${t(l, 'complete.siret', { siret: e.siret })}`),
      ];
    }
    case 'contact-ids':
      return (await need(await o.backend(), 'contacts').list({})).map((c) => `${c.id}\t${clean(c.name)} (${c.type})`);
    case 'fields':
      return fieldCandidates(o, l);
  }
}

/**
 * `--field` for the type on the line: `id=` for each of its fields, and once the word names one (`severity=`),
 * its values: a choice's, several of a multichoice's (after a comma), true and false.
 */
async function fieldCandidates(o: Options, l: Locale): Promise<string[]> {
  if (!o.type) return [];
  const type = (await need(await o.backend(), 'requestTypes').catalog()).types.find((x) => x.id === o.type);
  if (!type) return [];
  const eq = o.word.indexOf('=');
  if (eq < 0) {
    return type.fields.map((f) => {
      const label = clean(pickText(f.label, l));
      return `${f.id}=\t${f.required ? t(l, 'complete.required', { label }) : label}`;
    });
  }
  const field = type.fields.find((f) => f.id === o.word.slice(0, eq));
  if (!field) return [];
  // a multichoice takes several values, comma-separated: complete the last one
  const typed = o.word.slice(eq + 1);
  const before = field.kind === 'multichoice' ? typed.slice(0, typed.lastIndexOf(',') + 1) : '';
  return valuesOf(field, l).map(([value, label]) => `${field.id}=${before}${value}\t${label}`);
}

function valuesOf(field: FieldSpec, l: Locale): Array<[string, string]> {
  if (field.kind === 'boolean') {
    return [
      ['true', t(l, 'yes')],
      ['false', t(l, 'no')],
    ];
  }
  return (field.choices ?? []).map((c) => [c.value, clean(pickText(c.label, l))]);
}
