import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The Set-Cookie headers of an answer, whole. */
export function setCookies(res: LightMyRequestResponse): string[] {
  const h = res.headers['set-cookie'];
  return h === undefined ? [] : Array.isArray(h) ? h : [String(h)];
}

/** The name=value pairs of an answer's cookies, as a Cookie header would carry them. */
export function cookieHeader(res: LightMyRequestResponse, ...more: string[]): string {
  return [...setCookies(res).map((c) => c.split(';')[0]!), ...more].join('; ');
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in:\n${html}`);
  return match[1]!;
}

export const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

/** Signs in through the form, as a browser on the same origin would; returns the session's Cookie header. */
export async function signIn(app: FastifyInstance, email: string, password = 'demo-password'): Promise<string> {
  const loginPage = await app.inject({ url: '/login' });
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    ...form({ email, password, csrf: hiddenField(loginPage.body, 'csrf'), next: '/' }),
    headers: { ...form({}).headers, cookie: cookieHeader(loginPage), 'sec-fetch-site': 'same-origin' },
  });
  if (res.statusCode !== 303) throw new Error(`sign-in as ${email}: ${res.statusCode}\n${res.body}`);
  const session = setCookies(res).find((c) => /^(__Host-)?tix_session=/.test(c));
  if (!session) throw new Error(`sign-in as ${email}: no session cookie`);
  return session.split(';')[0]!;
}
