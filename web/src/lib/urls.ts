// Links that come from outside (ingested posts): only http(s) addresses become links. A post can
// carry any string as its URL; a `javascript:` or `data:` one, rendered as an href, would run in
// our origin when clicked.

/** `url` when it is an absolute http(s) URL, else null (show it as text, or not at all). */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
