import type { FieldError, Problem } from './types';

/** A failed API call, carrying the RFC 9457 problem document when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | null;

  constructor(problem: Problem, retryAfterSeconds: number | null) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get type(): string {
    return this.problem.type;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

// The CSRF token lives only in memory: it is re-read from GET /auth/session on every page load.
let csrfToken: string | null = null;
let unauthorizedHandler: ((err: ApiError) => void) | null = null;
let lastRequestAt = Date.now();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called for any 401 outside the login/session endpoints, so the app can send the user to /login. */
export function onUnauthorized(handler: (err: ApiError) => void): void {
  unauthorizedHandler = handler;
}

/** When the server last saw us; the idle keep-alive uses it to avoid needless pings. */
export function millisSinceLastRequest(): number {
  return Date.now() - lastRequestAt;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  /** Skip the global 401 redirect (login form, session probe). */
  quiet401?: boolean;
  /** Sent as is instead of JSON (file uploads), with its own Content-Type. */
  raw?: { body: Blob; contentType: string };
}

const unsafe = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: res.statusText || 'Request failed', status: res.status };
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await res.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: body.status ?? res.status };
  } catch {
    return fallback;
  }
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.raw) headers['Content-Type'] = opts.raw.contentType || 'application/octet-stream';
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (unsafe.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw ? opts.raw.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(
      { type: '/problems/network', title: 'Network error', status: 0, detail: 'The server could not be reached. Check your connection and try again.' },
      null,
    );
  }
  lastRequestAt = Date.now();

  if (!res.ok) {
    const problem = await readProblem(res);
    const retry = Number(res.headers.get('Retry-After'));
    const err = new ApiError(problem, Number.isFinite(retry) && retry > 0 ? retry : null);
    if (res.status === 401 && !opts.quiet401 && unauthorizedHandler) unauthorizedHandler(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** POSTs a file as the raw request body with the file's own media type. */
  upload: <T>(path: string, file: File) => request<T>('POST', path, { raw: { body: file, contentType: file.type } }),
};

/** Builds a query string, dropping empty values so the server applies its defaults. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Field errors keyed by field name, for rendering next to inputs. */
export function errorsByField(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) {
    for (const e of err.fieldErrors) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message;
  }
  return out;
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail || err.problem.title;
  return 'Something went wrong. Please try again.';
}
