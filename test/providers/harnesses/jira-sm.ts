// Jira Service Management, played by the vendor stub (test/helpers/vendors/jira-sm.ts), Cloud flavour: every
// request the provider sends and every answer is checked against Atlassian's OpenAPI document, and a test that
// broke it fails (see `afterEach` in the suite's own JSM tests; here the suite checks after the run). Alice is the
// customer, Bob her colleague at Acme (requests are shared with the organization), Carol the agent. They work in
// the IT service desk, whose forms need no consent box.
import { type JiraSmStub, startJiraSmStub } from '../../helpers/vendors/jira-sm.ts';
import type { Persona, ProviderHarness } from '../harness.ts';

const users: Record<Persona, { email: string; token: string }> = {
  customer: { email: 'alice@acme.test', token: 'alice-api-token' },
  colleague: { email: 'bob@acme.test', token: 'bob-api-token' },
  agent: { email: 'carol@support.test', token: 'carol-api-token' },
};
const API = '/rest/servicedeskapi';

export const harness: ProviderHarness = {
  name: 'Jira Service Management (stub)',
  provider: 'jira-sm',
  fixtures: {
    simpleType: 'get-it-help',
    choiceType: { type: 'report-a-problem', field: 'customfield10080', value: 'high' },
    missingRef: 'IT-9999',
    followUps: true,
  },
  wire: {
    // a list first looks up the service desk (its later reads reuse that connection, which the proxy sees by its
    // first request)
    list: /^GET \/rest\/servicedeskapi\/servicedesk\/IT$/,
    create: /^POST \/rest\/servicedeskapi\/request$/,
    reply: /^POST \/rest\/servicedeskapi\/request\/[A-Z]+-\d+\/comment$/,
    // JSM has no idempotency keys: a write whose answer was lost is looked for, never sent twice
    recovery: 'lookup',
  },
  start: async () => {
    // the stub's clock starts now, so that "activity since 1d" means something
    const jsm: JiraSmStub = await startJiraSmStub({ clockStart: Date.now() - 60 * 60_000 });
    const asAgent = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${jsm.url}${path}`, {
        method,
        headers: { authorization: jsm.authFor('carol'), accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    };
    return {
      server: jsm.url,
      login: (who) => ({
        args: ['--provider', 'jira-sm', '--server', jsm.url, '--email', users[who].email, '--with-token', '--service-desk', 'IT'],
        stdin: users[who].token,
      }),
      env: async (who) => ({ TIX_TOKEN: users[who].token, TIX_EMAIL: users[who].email, TIX_SERVICE_DESK: 'IT' }),
      email: (who) => users[who].email,
      // an agent's public comment, through the same API
      answer: (ref, body) => asAgent('POST', `${API}/request/${ref}/comment`, { body, public: true }),
      // closing for good is an agent's workflow step in Jira, outside the customer API
      close: async (ref) => jsm.agent.setStatus(ref, 'Closed'),
      stop: async () => {
        // every exchange of the whole suite against Atlassian's document: zero violations
        const violations = jsm.takeViolations();
        await jsm.close();
        if (violations.length) throw new Error(`${violations.length} exchange(s) broke the JSM document:\n${violations.join('\n')}`);
      },
    };
  },
};
