// A reproducible support data set for `npm run bench:scale` and the query equivalence tests: one company
// with several schools, their administrators and support agents, and tickets whose conversations are French
// text with accents — a handful of very common words, a long tail of rarer ones, and a few words so rare they
// appear in a handful of tickets. The same seed gives the same data set, byte for byte.

import { defaultCatalog } from '../core/catalog.ts';
import type { Status } from '../core/lifecycle.ts';
import type { ImportedTicket, OrganisationSeed } from '../server/store/store.ts';

/** A small, fast, seedable generator (mulberry32): Math.random cannot be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Function words: in nearly every message, as in real French. */
const FUNCTION_WORDS =
  'le la les de des du un une et à au aux en pour par sur dans avec ne pas est sont nous vous il elle ce cette ces qui que se sa son leurs mais ou donc car très plus déjà encore après avant depuis'.split(
    ' ',
  );

/**
 * The vocabulary of a school's support requests, most common first. The first words appear in a large share of
 * tickets (the benchmark searches `paie`, `clôture` as `cloture`, and two of them together); the rest thin out.
 */
export const DOMAIN_WORDS =
  'paie clôture facture salarié export bulletin congés échéance prélèvement déclaration contrat absence élève inscription cantine régularisation trimestre virement relevé accès mot passe connexion erreur écran compte parent enseignant réunion emploi temps bourse cotisation remboursement mutuelle arrêt maladie télétransmission périscolaire garderie transport bibliothèque manuel évaluation appréciation bulletins conseil classe délégué absence retard sanction vie scolaire infirmerie allergie menu sortie voyage autorisation signature document attestation certificat scolarité diplôme examen brevet baccalauréat orientation stage alternance apprentissage entreprise convention tuteur planning salle réservation matériel ordinateur tablette imprimante réseau wifi messagerie notification alerte rappel relance impayé acompte solde avoir devis commande livraison fournisseur budget subvention dotation inventaire amortissement écriture comptable grand livre journal rapprochement bancaire trésorerie caisse chèque espèces carte paiement reçu quittance loyer charges électricité chauffage entretien ménage sécurité incendie évacuation exercice alarme badge clé portail vidéo surveillance règlement intérieur charte numérique données personnelles consentement droit oubli suppression rectification portabilité'.split(
    ' ',
  );

/** Words that each appear in a handful of tickets only (the "rare word" search). */
export const RARE_WORDS = ['xylophène', 'ornithorynque', 'quetzalcoatl', 'zéphyrine', 'kouign-amann', 'pétrichor', 'sérendipité', 'ylang'];

const SYLLABLES =
  'ba be bé bi bo bu ca ce cé ci co cu da de dé di do du fa fe fé fi fo fu ga ge gé gi go gu la le lé li lo lu ma me mé mi mo mu na ne né ni no nu pa pe pé pi po pu ra re ré ri ro ru sa se sé si so su ta te té ti to tu va ve vé vi vo vu cha che ché chi cho tra tre tré tri tro pla pli plo gra gre gri bra bre bri an en on in ou oi ai au eu è ê â î ô û ç'.split(
    ' ',
  );

/** Picks from weighted words in O(log n): cumulative weights and a binary search. */
class Vocabulary {
  readonly words: string[];
  private readonly cumulative: Float64Array;
  constructor(entries: Array<[string, number]>) {
    this.words = entries.map(([w]) => w);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    for (const [i, [, weight]] of entries.entries()) this.cumulative[i] = sum += weight;
  }
  pick(random: () => number): string {
    const target = random() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }
}

/**
 * About half of the words are function words, a tenth of them domain words on a Zipf curve (the first ones,
 * `paie`, `clôture`, `facture`, land in a fifth to a third of the tickets), and the rest a long tail of 20,000
 * made-up words (French syllables, accents included).
 */
function vocabulary(random: () => number): Vocabulary {
  const entries: Array<[string, number]> = FUNCTION_WORDS.map((w) => [w, 10]);
  for (const [rank, w] of DOMAIN_WORDS.entries()) entries.push([w, 0.6 / (rank + 1) ** 0.5]);
  const seen = new Set(entries.map(([w]) => w));
  for (let rank = 0; seen.size < FUNCTION_WORDS.length + DOMAIN_WORDS.length + 20_000; ) {
    let word = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let s = 0; s < syllables; s++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (seen.has(word) || RARE_WORDS.includes(word)) continue;
    seen.add(word);
    entries.push([word, 60 / (rank++ + 10)]);
  }
  return new Vocabulary(entries);
}

export interface DataSetOptions {
  tickets: number;
  messagesPerTicket: number;
  seed: number;
  /** the first ticket's creation time; tickets follow over `spanDays` */
  start?: Date;
  spanDays?: number;
}

/** The organisation of the data set: its users' passwords are hashed by the caller (they all share one). */
export interface DataSetOrganisation {
  siren: string;
  establishments: Array<{ siret: string; name: string; share: number }>;
  users: Array<{ email: string; name: string; role: 'customer' | 'agent'; admin: string[] }>;
}

/** A SIRET with a valid Luhn check digit for a SIREN and a 4-digit establishment number. */
function siretFor(siren: string, n: number): string {
  const base = `${siren}${String(n).padStart(4, '0')}`;
  for (let d = 0; d < 10; d++) if (luhn(`${base}${d}`)) return `${base}${d}`;
  throw new Error('unreachable');
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const SIREN = '552100554';
const SCHOOLS = ['Paris', 'Lille', 'Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Rennes', 'Besançon'];

/**
 * One company with eight schools of unequal size. `boss` administers every school (the "admin who
 * sees every ticket"), `nord` administers Lille and Rennes only (a restricted admin), each school has its own
 * administrator, and two support agents answer.
 */
export function dataSetOrganisation(): DataSetOrganisation {
  const shares = [0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03];
  const establishments = SCHOOLS.map((city, i) => ({ siret: siretFor(SIREN, i + 1), name: `École ${city}`, share: shares[i]! }));
  const sirets = establishments.map((e) => e.siret);
  return {
    siren: SIREN,
    establishments,
    users: [
      { email: 'boss@scale.test', name: 'Brigitte Bossu', role: 'customer', admin: sirets },
      { email: 'nord@scale.test', name: 'Noël Nordé', role: 'customer', admin: [sirets[1]!, sirets[6]!] },
      ...SCHOOLS.map((city, i) => ({
        email: `${city.toLowerCase().replace('ç', 'c')}@scale.test`,
        name: `Admin ${city}`,
        role: 'customer' as const,
        admin: [sirets[i]!],
      })),
      { email: 'agent1@scale.test', name: 'Agathe Support', role: 'agent', admin: [] },
      { email: 'agent2@scale.test', name: 'Amédée Support', role: 'agent', admin: [] },
    ],
  };
}

export function organisationSeed(org: DataSetOrganisation, passwordHash: string): OrganisationSeed {
  return {
    companies: [
      { siren: org.siren, name: 'Groupe Scolaire Échelle', establishments: org.establishments.map(({ siret, name }) => ({ siret, name })) },
    ],
    users: org.users.map((u) => ({ ...u, passwordHash, employee: [] })),
  };
}

/** Ids the store gave the organisation's rows, by SIRET and by e-mail. */
export interface OrganisationIds {
  establishments: Map<string, number>;
  users: Map<string, number>;
}

/** Text generation: sentences of weighted words, with a capital, commas and a full stop. */
export class TextGenerator {
  private readonly random: () => number;
  private readonly vocab: Vocabulary;
  private readonly summaryVocab: Vocabulary;
  constructor(seed: number) {
    this.random = prng(seed);
    this.vocab = vocabulary(prng(seed ^ 0x5eed));
    this.summaryVocab = new Vocabulary(DOMAIN_WORDS.map((w, rank) => [w, 1 / (rank + 3) ** 0.8]));
  }
  words(count: number, vocab = this.vocab): string {
    let text = '';
    for (let i = 0; i < count; i++) {
      let w = vocab.pick(this.random);
      if (i === 0) w = w[0]!.toUpperCase() + w.slice(1);
      text += i === 0 ? w : this.random() < 0.08 ? `, ${w}` : ` ${w}`;
    }
    return text;
  }
  summary(): string {
    return this.words(3 + Math.floor(this.random() * 5), this.summaryVocab);
  }
  body(): string {
    const sentences = 2 + Math.floor(this.random() * 4);
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) parts.push(`${this.words(6 + Math.floor(this.random() * 12))}.`);
    return parts.join(' ');
  }
}

const TYPES = defaultCatalog.types.map((t) => ({ id: t.id, category: t.category }));

/**
 * The tickets, oldest first, in batches. Each ticket is opened by an administrator of its school (or by `boss`),
 * then customers and agents take turns. Old tickets are mostly closed; the status of the others follows whoever
 * wrote last. Read state: `boss` has read about 60% of tickets to the end and some others part-way; the agents
 * and school administrators have read varying shares; unread messages are what is left.
 */
export function* ticketBatches(
  org: DataSetOrganisation,
  ids: OrganisationIds,
  o: DataSetOptions,
  batchSize = 5000,
): Generator<ImportedTicket[]> {
  const random = prng(o.seed);
  const text = new TextGenerator(o.seed + 1);
  const start = (o.start ?? new Date(Date.UTC(2024, 0, 1))).getTime();
  const span = (o.spanDays ?? 730) * 86_400_000;
  const userId = (email: string) => ids.users.get(email)!;
  const agents = org.users.filter((u) => u.role === 'agent').map((u) => userId(u.email));
  const boss = userId(org.users[0]!.email);
  const cumulativeShares: number[] = [];
  org.establishments.reduce((sum, e) => {
    cumulativeShares.push(sum + e.share);
    return sum + e.share;
  }, 0);
  const schoolAdmins = org.establishments.map((e) =>
    org.users.filter((u) => u.role === 'customer' && u.admin.length === 1 && u.admin[0] === e.siret).map((u) => userId(u.email)),
  );
  const restricted = org.users.filter((u) => u.role === 'customer' && u.admin.length > 1 && u.admin.length < org.establishments.length);
  // each rare word lands in about ten tickets
  const rareEvery = Math.max(7, Math.floor((o.tickets * o.messagesPerTicket) / (RARE_WORDS.length * 10)));
  let batch: ImportedTicket[] = [];
  let messageNo = 0;
  for (let n = 0; n < o.tickets; n++) {
    const r = random() * cumulativeShares.at(-1)!;
    const school = cumulativeShares.findIndex((c) => r < c);
    const establishmentId = ids.establishments.get(org.establishments[school]!.siret)!;
    const siret = org.establishments[school]!.siret;
    const restrictedHere = restricted.filter((u) => u.admin.includes(siret)).map((u) => userId(u.email));
    const admins = [...schoolAdmins[school]!, boss, ...restrictedHere];
    const creator = random() < 0.7 ? schoolAdmins[school]![0]! : admins[Math.floor(random() * admins.length)]!;
    const type = TYPES[Math.floor(random() * TYPES.length)]!;
    const createdAt = start + (span * n) / o.tickets + Math.floor(random() * 3_600_000);
    let at = createdAt;
    const messages: ImportedTicket['messages'] = [];
    let lastByAgent = false;
    let answered = false;
    for (let m = 0; m < o.messagesPerTicket; m++) {
      // mostly turns, sometimes two messages in a row from the same side
      const byAgent = m > 0 && random() < (m % 2 === 1 ? 0.85 : 0.15);
      lastByAgent = byAgent;
      answered ||= byAgent;
      const authorId =
        m === 0 ? creator : byAgent ? agents[Math.floor(random() * agents.length)]! : admins[Math.floor(random() * admins.length)]!;
      let body = text.body();
      if (++messageNo % rareEvery === 0) body += ` ${RARE_WORDS[Math.floor(random() * RARE_WORDS.length)]}.`;
      messages.push({ authorId, body, createdAt: new Date(at).toISOString() });
      // replies come minutes to days apart
      at += Math.floor(60_000 + random() * random() * 5 * 86_400_000);
    }
    const lastAt = at - 1;
    const age = (o.tickets - n) / o.tickets;
    // whose turn it is: answered after an agent, open after a customer's reply, sent before any answer
    let status: Status = lastByAgent ? 'answered' : answered ? 'open' : 'sent';
    let resolvedAt: string | null = null;
    let closedAt: string | null = null;
    let updatedAt = new Date(Date.parse(messages.at(-1)!.createdAt)).toISOString();
    if (random() < age * 1.2) {
      status = random() < 0.85 ? 'closed' : 'resolved';
      resolvedAt = new Date(lastAt + 3_600_000).toISOString();
      updatedAt = resolvedAt;
      // a ticket resolved more than a week before the end has closed by itself since (tix serve's default delay)
      if (lastAt + 3_600_000 < start + span - 7 * 86_400_000) status = 'closed';
      if (status === 'closed') closedAt = new Date(lastAt + 7 * 86_400_000).toISOString();
    }
    const readUpTo: ImportedTicket['readUpTo'] = [];
    const readers = [boss, ...agents, ...schoolAdmins[school]!, ...restrictedHere];
    for (const reader of readers) {
      const share = reader === boss ? 0.6 : 0.5;
      const roll = random();
      if (roll < share) readUpTo.push({ userId: reader, messages: o.messagesPerTicket });
      else if (roll < share + 0.15) readUpTo.push({ userId: reader, messages: 1 + Math.floor(random() * (o.messagesPerTicket - 1)) });
    }
    batch.push({
      establishmentId,
      createdById: creator,
      type: type.id,
      category: type.category,
      summary: text.summary(),
      fields: {},
      status,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt,
      resolvedAt,
      closedAt,
      messages,
      readUpTo,
    });
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
