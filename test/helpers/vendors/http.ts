/** Plain HTTP calls for the stubs' self-tests: shaped by hand, exactly as the vendors document them. */
export interface Answer {
  status: number;
  headers: Headers;
  // parsed JSON when the answer is JSON, else the text
  body: any;
}

export async function call(
  base: string,
  method: string,
  path: string,
  o: { auth?: string; json?: unknown; body?: RequestInit['body']; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...(o.auth ? { authorization: o.auth } : {}), ...o.headers };
  let body = o.body;
  if (o.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.json);
  }
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed };
}
