/**
 * @module text — text helpers shared by every PDF: WinAnsi-safe strings for the standard fonts,
 * greedy line wrapping that never overflows (long tokens are broken), display dates, CSV cells.
 */
import { formatMdy, MONTH_NAMES, parseIsoDate } from "@clearance/core";

/** Characters above U+00FF that the standard PDF fonts (WinAnsi encoding) can draw. */
const WIN_ANSI_EXTRA = new Set([..."–—‘’‚“”„•…€†‡ˆ‰Š‹ŒŽ˜™š›œžŸƒ"]);

/**
 * Makes a string drawable with pdfkit's standard fonts (WinAnsi): keeps Latin-1 and the WinAnsi
 * extras, strips accents from other letters, replaces the rest with `?`, and turns control
 * characters (tabs, stray newlines from data) into spaces. Names come from state data; a
 * character the font cannot draw must not silently vanish.
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += " ";
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += [...base].every((c) => c.codePointAt(0)! <= 0xff) && base.length > 0 ? base : "?";
    }
  }
  return out;
}

/**
 * Wraps `text` into lines no wider than `width`, measured by `measure` (the current font). Breaks at
 * spaces; a token wider than the whole line is broken after a comma, slash, semicolon or hyphen, and
 * between characters only where a piece is still too wide. Explicit `\n` starts a
 * new line. Always returns at least one line (possibly empty).
 */
export function wrapText(measure: (s: string) => number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    const words = para.split(/ +/).filter((w) => w.length > 0);
    let current = "";
    for (const word of words) {
      const candidate = current === "" ? word : `${current} ${word}`;
      if (measure(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current !== "") lines.push(current);
      current = "";
      if (measure(word) <= width) {
        current = word;
        continue;
      }
      // Break an over-long token after a comma, slash, semicolon or hyphen ("RODRIGUEZ," / "BRENDA"),
      // and only between characters where a piece is still too wide.
      let chunk = "";
      for (const piece of word.split(/(?<=[,/;-])/)) {
        if (chunk !== "" && measure(chunk + piece) > width) {
          lines.push(chunk);
          chunk = "";
        }
        if (measure(chunk + piece) <= width) {
          chunk += piece;
          continue;
        }
        for (const ch of piece) {
          if (chunk !== "" && measure(chunk + ch) > width) {
            lines.push(chunk);
            chunk = "";
          }
          chunk += ch;
        }
      }
      current = chunk;
    }
    lines.push(current);
  }
  return lines.length > 0 ? lines : [""];
}

/** `YYYY-MM-DD` → `MM/DD/YYYY` for display; other text is shown as given, null/empty as `unknown`. */
export function displayDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso.trim() === "") return "unknown";
  const d = parseIsoDate(iso);
  return d === undefined ? iso : formatMdy(d);
}

/** Long form for letters and orders: `March 14, 1960`. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}

/** "SKYWALKER,LUKE S" → "Luke S Skywalker" for salutations; other shapes are title-cased as given. */
export function personalName(name: string): string {
  const title = (s: string) =>
    s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, p, c: string) => p + c.toUpperCase());
  const comma = name.indexOf(",");
  if (comma < 0) return title(name.trim());
  const last = name.slice(0, comma).trim();
  const first = name.slice(comma + 1).trim();
  return title(first === "" ? last : `${first} ${last}`);
}

/**
 * One CSV cell, RFC 4180 quoted when needed. Cells a spreadsheet would run as a formula (leading
 * `=`, `+`, `-`, `@`, tab, CR) get a leading apostrophe (architecture decision 9).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A file-name-safe slug: lower-case ASCII letters, digits and dashes, at most 60 characters. */
export function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s === "" ? "x" : s;
}
