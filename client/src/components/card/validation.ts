import { CardFieldsSchema, type CardField, type CardFields } from '../../../../shared/index.js';

export interface FieldError {
  key: string;
  params?: Record<string, unknown>;
}
export type FieldResult<F extends CardField> = { ok: true; value: CardFields[F] } | { ok: false; error: FieldError };

/**
 * Validates one card field with the shared zod schema, so the UI accepts exactly what the
 * doc accepts. Errors become i18n keys (zod's own texts are English and technical).
 */
export function validateField<F extends CardField>(field: F, raw: unknown): FieldResult<F> {
  const parsed = CardFieldsSchema.shape[field].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as CardFields[F] };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, error: { key: 'validation.invalid' } };
  if (field === 'nextDueDate') return { ok: false, error: { key: 'validation.date' } };
  switch (issue.code) {
    case 'custom':
      return { ok: false, error: { key: 'validation.cpr' } };
    case 'too_small':
      return { ok: false, error: { key: 'validation.required' } };
    case 'too_big':
      return { ok: false, error: { key: 'validation.tooLong', params: { max: Number(issue.maximum) } } };
    default:
      return { ok: false, error: { key: 'validation.invalid' } };
  }
}
