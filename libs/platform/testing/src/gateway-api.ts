/** What a test sees of an HTTP answer: status, headers and the body (JSON parsed, else text). */
// Tests read answers loosely (any by default), as assertions on bodies do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiRequestOptions {
  token?: string;
  /** A string, bytes or form data go as they are; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls a node's gateway (or any service) the way a client does: bearer token, JSON in and out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function callApi<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: ApiRequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: RequestInit['body'];
  if (typeof options.body === 'string' || options.body instanceof Uint8Array || options.body instanceof FormData) {
    body = options.body as RequestInit['body'];
  } else if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const type = response.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await response.json() : await response.text();
  return { status: response.status, headers: response.headers, body: parsed as T };
}
