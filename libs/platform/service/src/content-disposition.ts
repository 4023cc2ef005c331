/**
 * `Content-Disposition: attachment` for a file whose name is Chinese: the name per RFC 6266 / RFC 5987
 * (`filename*=UTF-8''…`), with an ASCII `fallback` for clients that read only `filename`.
 */
export function attachmentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** Percent-encodes a value for RFC 5987's ext-value, including the characters encodeURIComponent keeps. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
