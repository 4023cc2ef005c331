const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string is valid Unicode (no lone surrogate): it has one UTF-8 and one JSON form. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** True when a string holds an ASCII control character (other than a newline, when allowed). */
export function hasControlCharacter(value: string, allowNewline = false): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && !(allowNewline && code === 0x0a)) || code === 0x7f) return true;
  }
  return false;
}
