// XML 1.0 cannot carry most control characters at all, not even as character
// references, nor lone surrogates or U+FFFE/U+FFFF; a model answer may hold
// any of them. They are written as visible `\uXXXX` text instead, so the
// file stays well-formed and the reader still sees what was there.
const notXmlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(text: string): string {
  return text.replace(notXmlCharacter, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text content of an element. No CDATA, so `]]>` in an answer needs no special case. */
export function xmlText(text: string): string {
  return visible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value between double quotes; line breaks and tabs are kept as references (a parser would fold them to spaces). */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
