import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { ApiErrorBody, ApiErrorCode } from '../shared/protocol/api.js';
import type { Logger } from './logging.js';

/** The one place that maps error codes to HTTP statuses and Danish messages. */
const STATUS: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  cross_site_request: 403,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

const MESSAGE: Record<ApiErrorCode, string> = {
  invalid_request: 'Forespørgslen er ugyldig.',
  invalid_credentials: 'Forkert brugernavn eller adgangskode.',
  unauthenticated: 'Du er ikke logget ind.',
  forbidden: 'Du har ikke adgang til dette.',
  not_found: 'Findes ikke.',
  payload_too_large: 'Forespørgslen er for stor.',
  cross_site_request: 'Forespørgslen kom ikke fra Tavlens egen side og blev afvist.',
  unsupported_media_type: 'Forespørgslen skal sendes som JSON (Content-Type: application/json).',
  too_many_requests: 'For mange mislykkede forsøg på at logge ind. Vent lidt, og prøv igen.',
  unavailable: 'Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt.',
  internal: 'Der opstod en fejl på serveren. Prøv igen.',
};

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string = MESSAGE[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function errorBody(code: ApiErrorCode, message: string = MESSAGE[code], details?: unknown): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Field problems: zod's messages are Danish once index.ts has set `z.config(z.locales.da())`. */
function zodDetails(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function zodMessage(err: ZodError): string {
  const fields = [...new Set(err.issues.map((i) => i.path.join('.')).filter(Boolean))];
  return fields.length > 0
    ? `Ugyldige eller manglende felter: ${fields.join(', ')}.`
    : 'Forespørgslen skal være et JSON-objekt med de rigtige felter.';
}

/** Shape of the errors thrown by express.json() (body-parser). */
interface BodyParserError {
  type?: string;
  status?: number;
  /** The configured limit in bytes (entity.too.large). */
  limit?: number;
}

/** "100 kB" for a byte count, as people read it. */
function kilobytes(bytes: number): string {
  return `${Math.floor(bytes / 1024).toLocaleString('da-DK')} kB`;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return new ApiError('invalid_request', zodMessage(err), zodDetails(err));
  const { type, limit } = (err as BodyParserError | null) ?? {};
  if (type === 'entity.parse.failed') return new ApiError('invalid_request', 'Forespørgslen er ikke gyldig JSON.');
  if (type === 'entity.too.large') {
    return typeof limit === 'number'
      ? new ApiError('payload_too_large', `Forespørgslen er for stor (højst ${kilobytes(limit)}).`)
      : new ApiError('payload_too_large');
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError('invalid_request', 'Tegnsættet understøttes ikke.');
  }
  return new ApiError('internal');
}

/** Express error middleware: every error leaves as { error: { code, message } }. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const apiErr = toApiError(err);
    if (apiErr.code === 'internal') log.error('request failed', { method: req.method, path: req.path, err });
    if (res.headersSent) return;
    res.status(apiErr.status).json(errorBody(apiErr.code, apiErr.message, apiErr.details));
  };
}
