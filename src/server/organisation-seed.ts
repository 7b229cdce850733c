import { readFile } from 'node:fs/promises';
import { oneLineProblem } from '../core/text.ts';
import type { FieldProblem } from '../core/errors.ts';
import type { AccountKind } from '../core/roles.ts';
import { emailProblem, sirenProblem, siretProblem } from '../core/identifiers.ts';
import { hashPassword } from './secrets.ts';
import type { OrganisationSeed } from './store/store.ts';

/**
 * The organisation file `tix serve --seed FILE` loads (and the shape of the demo organisation):
 * {
 *   "companies": [{ "siren": "…", "name": "…", "establishments": [{ "siret": "…", "name": "…" }] }],
 *   "users": [{ "email": "…", "name": "…", "password": "…", "role": "customer" | "agent",
 *               "admin": ["SIRET", …], "employee": ["SIRET", …] }]
 * }
 */
export interface OrganisationFile {
  companies: Array<{ siren: string; name: string; establishments: Array<{ siret: string; name: string }> }>;
  users: Array<{ email: string; name: string; password: string; role?: AccountKind; admin?: string[]; employee?: string[] }>;
}

/** A file given to `tix serve` that cannot be used; names the file and every problem by its path. */
export class InvalidFileError extends Error {
  readonly problems: FieldProblem[];
  constructor(source: string, what: string, problems: FieldProblem[]) {
    super(`${source} is not a valid ${what}, nothing was loaded:\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Why a file cannot be read, in words (not ENOENT). */
function unreadable(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'there is no such file';
  if (err.code === 'EISDIR') return 'it is a directory, not a file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'no permission to read it';
  return `cannot read it (${err.code ?? err.message})`;
}

/** Reads a JSON file, turning an unreadable or malformed one into an InvalidFileError. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InvalidFileError(path, what, [{ field: '(file)', message: unreadable(err as NodeJS.ErrnoException) }]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidFileError(path, what, [{ field: '(file)', message: `not JSON: ${(err as Error).message}` }]);
  }
}

const ORGANISATION = 'organisation file';

export async function readOrganisationFile(path: string): Promise<OrganisationSeed> {
  return prepareOrganisation(await readJsonFile(path, ORGANISATION), path);
}

/** Checks every rule and reports every problem at once; hashes the passwords. */
export async function prepareOrganisation(data: unknown, source: string): Promise<OrganisationSeed> {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  /** the array at `field`, or an empty one after noting the problem */
  const list = (value: unknown, field: string): unknown[] => {
    if (Array.isArray(value)) return value;
    bad(field, 'expected an array');
    return [];
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const str = (v: unknown, field: string, max = 200): string => {
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
      bad(field, `expected a non-empty string of at most ${max} characters`);
      return '';
    }
    return v.trim();
  };
  // names are one-line fields, like every name the API takes
  const name = (v: unknown, field: string): string => {
    const text = str(v, field);
    const problem = text === '' ? undefined : oneLineProblem(text);
    if (problem) bad(field, problem);
    return text;
  };
  const onlyKeys = (o: Record<string, unknown>, allowed: string[], at: string) => {
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) bad(`${at}${at ? '.' : ''}${k}`, `unknown key; allowed: ${allowed.join(', ')}`);
  };

  if (!isObject(data))
    throw new InvalidFileError(source, ORGANISATION, [{ field: '(root)', message: 'expected an object with "companies" and "users"' }]);
  onlyKeys(data, ['companies', 'users'], '');
  const companies = list(data.companies, 'companies');
  const users = list(data.users, 'users');

  const seed: OrganisationSeed = { companies: [], users: [] };
  const sirets = new Set<string>();
  const sirens = new Set<string>();
  companies.forEach((c: unknown, i: number) => {
    const at = `companies[${i}]`;
    if (!isObject(c)) {
      bad(at, 'expected an object');
      return;
    }
    onlyKeys(c, ['siren', 'name', 'establishments'], at);
    const siren = str(c.siren, `${at}.siren`, 9);
    const sp = siren && sirenProblem(siren);
    if (sp) bad(`${at}.siren`, sp);
    if (sirens.has(siren)) bad(`${at}.siren`, `SIREN ${siren} appears twice`);
    sirens.add(siren);
    const company = { siren, name: name(c.name, `${at}.name`), establishments: [] as Array<{ siret: string; name: string }> };
    const ests = list(c.establishments, `${at}.establishments`);
    ests.forEach((e: unknown, j: number) => {
      const eat = `${at}.establishments[${j}]`;
      if (!isObject(e)) {
        bad(eat, 'expected an object');
        return;
      }
      onlyKeys(e, ['siret', 'name'], eat);
      const siret = str(e.siret, `${eat}.siret`, 14);
      const problem = siret && siretProblem(siret);
      if (problem) bad(`${eat}.siret`, problem);
      else if (siret && !siret.startsWith(siren)) bad(`${eat}.siret`, `a SIRET starts with its company's SIREN (${siren})`);
      if (sirets.has(siret)) bad(`${eat}.siret`, `SIRET ${siret} appears twice`);
      sirets.add(siret);
      company.establishments.push({ siret, name: name(e.name, `${eat}.name`) });
    });
    seed.companies.push(company);
  });

  const emails = new Set<string>();
  const pending: Array<Promise<void>> = [];
  users.forEach((u: unknown, i: number) => {
    const at = `users[${i}]`;
    if (!isObject(u)) {
      bad(at, 'expected an object');
      return;
    }
    onlyKeys(u, ['email', 'name', 'password', 'role', 'admin', 'employee'], at);
    const email = str(u.email, `${at}.email`, 254).toLowerCase();
    const ep = email && emailProblem(email);
    if (ep) bad(`${at}.email`, ep);
    if (emails.has(email)) bad(`${at}.email`, `${email} appears twice`);
    emails.add(email);
    const role = u.role ?? 'customer';
    if (role !== 'customer' && role !== 'agent') bad(`${at}.role`, 'expected "customer" or "agent"');
    const password = typeof u.password === 'string' ? u.password : '';
    if (password.length < 8) bad(`${at}.password`, 'expected a password of at least 8 characters');
    const lists = { admin: [] as string[], employee: [] as string[] };
    for (const key of ['admin', 'employee'] as const) {
      const v = u[key] ?? [];
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
        bad(`${at}.${key}`, 'expected an array of SIRETs');
        continue;
      }
      v.forEach((s: string, k: number) => {
        if (!sirets.has(s)) bad(`${at}.${key}[${k}]`, `no establishment with SIRET ${s} in this file`);
      });
      lists[key] = v;
    }
    if (role === 'agent' && (lists.admin.length || lists.employee.length))
      bad(`${at}.role`, 'an agent sees every establishment and belongs to none');
    const user = { email, name: name(u.name, `${at}.name`), role: role as AccountKind, passwordHash: '', ...lists };
    seed.users.push(user);
    if (password.length >= 8)
      pending.push(
        hashPassword(password).then((h) => {
          user.passwordHash = h;
        }),
      );
  });

  if (problems.length > 0) throw new InvalidFileError(source, ORGANISATION, problems);
  await Promise.all(pending);
  return seed;
}
