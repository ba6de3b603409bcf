import * as Y from 'yjs';
import { containsCpr } from '../../shared/rules/cpr.js';

/**
 * Does a Yjs update carry anything shaped like a CPR number (shared/rules/cpr.ts, so every
 * disguised variant too)? The client refuses such text in every field (shared zod schemas),
 * so only a forged or broken client gets here; the server checks the update itself, before
 * it is stored or relayed, so a CPR number never reaches the disk or another screen.
 *
 * Every string an update can carry is checked, whatever its content type: map keys, root
 * type names, plain values and nested JSON (keys too), text, formatting attributes, embeds,
 * XML element and hook names, sub-document ids and options, and binary content read as
 * UTF-8. This scan sees one update; a CPR number split over several updates (one Y.Text
 * insert per half) is caught by the validation of the resulting document text instead.
 */
export function updateContainsCpr(update: Uint8Array): boolean {
  return structsContainCpr(Y.decodeUpdate(update).structs);
}

/** The same scan over an update already decoded (the write gate decodes once). */
export function structsContainCpr(structs: ReturnType<typeof Y.decodeUpdate>['structs']): boolean {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.parentSub !== null && containsCpr(struct.parentSub)) return true;
    // A root-level item names its root type (doc.getMap(name)) as a string.
    if (typeof struct.parent === 'string' && containsCpr(struct.parent)) return true;
    if (valueContainsCpr(contentValues(struct.content))) return true;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function contentValues(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentString) return content.str;
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentEmbed) return content.embed;
  if (content instanceof Y.ContentFormat) return [content.key, content.value];
  if (content instanceof Y.ContentBinary) return utf8.decode(content.content);
  if (content instanceof Y.ContentDoc) return [content.doc?.guid ?? null, content.opts];
  if (content instanceof Y.ContentType) {
    const type: unknown = content.type;
    if (type instanceof Y.XmlElement) return type.nodeName;
    if (type instanceof Y.XmlHook) return type.hookName;
  }
  // Other types and deletions carry no user text.
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
