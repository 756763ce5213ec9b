/**
 * Web origins as charter compares them: `scheme://host[:port]`, lower case, default port removed,
 * no path. Strings come from the checked machine: parsed with URL, never evaluated.
 */

const defaultPorts: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** `https://Web.WhatsApp.com:443/path` → `https://web.whatsapp.com`; null when not an http(s) URL. */
export const originOf = (url: string): string | null => {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  const port = parsed.port !== '' && parsed.port !== defaultPorts[parsed.protocol] ? `:${parsed.port}` : '';
  return `${parsed.protocol}//${parsed.hostname.toLowerCase()}${port}`;
};

/**
 * A Chromium content-settings pattern (the primary half of an exceptions key) as an origin:
 * `https://web.whatsapp.com:443` → `https://web.whatsapp.com`; a domain wildcard `[*.]example.com`
 * (any scheme, any subdomain) → `https://*.example.com`; `https://[*.]example.com:443` likewise.
 * Null for what is not a web origin (`*`, `file:///…`, extension ids).
 * Pattern grammar: chromium/chromium components/content_settings/core/common/content_settings_pattern.h
 */
export const originOfPattern = (pattern: string): string | null => {
  const trimmed = pattern.trim();
  const wildcard = /^(?:(https?):\/\/)?\[\*\.\]([^/:[\]]+)(?::(\d+|\*))?\/?$/i.exec(trimmed);
  if (wildcard) {
    const [, scheme = 'https', host = '', port] = wildcard;
    const base = originOf(`${scheme.toLowerCase()}://${host}${port !== undefined && port !== '*' ? `:${port}` : ''}`);
    return base === null ? null : base.replace('://', '://*.');
  }
  if (!/^https?:\/\//i.test(trimmed) || trimmed.includes('*')) return null;
  return originOf(trimmed);
};
