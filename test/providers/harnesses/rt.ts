// A real Request Tracker 5 (.ci/rt/rt.sh; fixtures in .ci/rt/fixtures.pl, REST2 facts in ../rt/README.md): the
// instance this checkout shares between test files. Alice is the customer, Bob her colleague at Acme Corp (the
// ticket's Organization role lets him see and answer her tickets), the agent a privileged RT user. Support acts
// through REST2 directly, the way RT's own web interface would.
import { RT_REQUIREMENT, type Rt, type RtUserKey, rtInstalled, startRt } from '../../helpers/rt.ts';
import type { Persona, ProviderHarness } from '../harness.ts';

const users: Record<Persona, RtUserKey> = { customer: 'alice', colleague: 'bob', agent: 'agent' };

/** REST2's answer, or an error saying what RT answered. */
async function asAgent(rt: Rt, method: string, path: string, body: unknown, expected: number): Promise<unknown> {
  const res = await rt.request('agent', method, path, body);
  if (res.status !== expected) throw new Error(`RT answered ${res.status} to ${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const harness: ProviderHarness = {
  name: 'Request Tracker 5',
  provider: 'rt',
  fixtures: {
    // the Questions queue: summary and description only
    simpleType: 'questions',
    // the Support queue: Severity is a mandatory select list (RT's values, in RT's case)
    choiceType: { type: 'support', field: 'severity', value: 'High' },
    missingRef: '987654',
    // a customer may not link tickets in RT (that needs ModifyTicket on both): a follow-up is a new ticket that
    // only mentions the closed one
    followUps: false,
  },
  wire: {
    list: /^GET \/rt\/REST\/2\.0\/tickets\?/,
    create: /^POST \/rt\/REST\/2\.0\/ticket$/,
    reply: /^POST \/rt\/REST\/2\.0\/ticket\/\d+\/correspond$/,
    // RT has no idempotency keys: after a lost answer tix looks for what it recorded instead of sending again
    recovery: 'lookup',
    // RT takes seconds to file a ticket on a loaded two-core machine
    requestTimeoutMs: 60_000,
  },
  unavailable: async () => (rtInstalled() ? undefined : RT_REQUIREMENT),
  start: async () => {
    const rt = await startRt();
    return {
      server: rt.url,
      login: (who) => ({ args: ['--provider', 'rt', '--server', rt.url, '--with-token'], stdin: rt.users[users[who]].token }),
      env: async (who) => ({ TIX_TOKEN: rt.users[users[who]].token }),
      email: (who) => rt.users[users[who]].name,
      answer: async (ref, body) => {
        await asAgent(rt, 'POST', `/ticket/${ref}/correspond`, { Content: body, ContentType: 'text/plain' }, 201);
      },
      close: async (ref) => {
        // RT's final status set by hand: rejected (the closed category); RT answers 200 even when it refuses
        const said = await asAgent(rt, 'PUT', `/ticket/${ref}`, { Status: 'rejected' }, 200);
        if (!JSON.stringify(said).includes("to 'rejected'")) throw new Error(`RT did not reject ticket ${ref}: ${JSON.stringify(said)}`);
      },
      // the instance is shared by every test file; the run's global teardown releases it
      stop: async () => undefined,
    };
  },
};
