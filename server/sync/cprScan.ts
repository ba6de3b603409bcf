import * as Y from 'yjs';
import { containsCpr } from '../../shared/rules/cpr.js';

/**
 * Does a Yjs update carry anything shaped like a CPR number? The client refuses such text
 * in every field (shared zod schemas), so only a forged or broken client gets here; the
 * server checks the update itself, before it is stored or relayed, so a CPR number never
 * reaches the disk or another screen. Board text is plain values in Y.Maps (no Y.Text), so
 * each value arrives whole in one update and a per-update scan sees it entire.
 */
export function updateContainsCpr(update: Uint8Array): boolean {
  const { structs } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.parentSub !== null && containsCpr(struct.parentSub)) return true;
    if (valueContainsCpr(contentValues(struct.content))) return true;
  }
  return false;
}

function contentValues(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentString) return content.str;
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentEmbed) return content.embed;
  if (content instanceof Y.ContentFormat) return [content.key, content.value];
  // Types, deletions, binaries and sub-docs carry no user text.
  return null;
}

function valueContainsCpr(value: unknown, depth = 0): boolean {
  // No client of ours nests this deep; what cannot be checked cheaply is refused.
  if (depth > 32) return true;
  if (typeof value === 'string') return containsCpr(value);
  if (Array.isArray(value)) return value.some((v) => valueContainsCpr(v, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => containsCpr(k) || valueContainsCpr(v, depth + 1));
  }
  return false;
}
