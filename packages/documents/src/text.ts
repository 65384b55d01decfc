/**
 * @module text — text helpers shared by every PDF: WinAnsi-safe strings for the standard fonts,
 * greedy line wrapping that never overflows (long tokens are broken), display dates, CSV cells.
 */
import { formatMdy, MONTH_NAMES, parseIsoDate } from "@clearance/core";

/** Characters above U+00FF that the standard PDF fonts (WinAnsi encoding) can draw. */
const WIN_ANSI_EXTRA = new Set([..."–—‘’‚“”„•…€†‡ˆ‰Š‹ŒŽ˜™š›œžŸƒ"]);

/**
 * Latin letters with no canonical decomposition (so stripping combining marks does not reach them) and
 * their usual transliteration. Letters already in WinAnsi (Ø, Æ, Ð, Þ, ß, Œ…) are kept as they are.
 */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ɖ: "D",
  ɖ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŧ: "T",
  ŧ: "t",
  Ŋ: "N",
  ŋ: "n",
  ĸ: "k",
  Ƒ: "F",
  Ɗ: "D",
  Ɓ: "B",
  Ƙ: "K",
  ƙ: "k",
  Ƴ: "Y",
  ƴ: "y",
  Ə: "E",
  ə: "e",
  Ǝ: "E",
  ǝ: "e",
  "‐": "-",
  "‑": "-",
  "‒": "-",
  "−": "-",
  "′": "'",
  "″": '"',
  "\u200b": "",
  "\u200c": "",
  "\u200d": "",
  "\u2060": "",
  "\ufeff": "",
};

function winAnsiChar(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

/** A string made drawable with the standard fonts, and the characters that could not be printed faithfully. */
export interface WinAnsiText {
  readonly text: string;
  /** Characters printed as `?` (distinct, in order of appearance); empty when the text is faithful. */
  readonly unprintable: readonly string[];
}

/**
 * Makes a string drawable with pdfkit's standard fonts (WinAnsi) and says what it could not print.
 * The text is first normalised to NFC (a decomposed `N` + U+0303 becomes `Ñ`). Latin-1 and the
 * WinAnsi extras are kept; a letter with a mark WinAnsi lacks loses the mark (`Ă` → `A`, `Ặ` → `A`,
 * `ź` → `z`); a few letters with no decomposition are transliterated (`Ł` → `L`, `Đ` → `D`); control
 * characters (tabs, stray newlines from data) become spaces. What still has no Latin form (CJK,
 * Armenian, Cyrillic, …) is printed as `?` and listed in `unprintable`, so the caller can warn.
 */
export function toWinAnsiText(text: string): WinAnsiText {
  let out = "";
  const unprintable: string[] = [];
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += " ";
    else if (winAnsiChar(ch)) out += ch;
    else if (Object.hasOwn(TRANSLITERATION, ch)) out += TRANSLITERATION[ch];
    // A combining mark left over after NFC: its base letter with it has no precomposed form.
    else if (/^\p{M}$/u.test(ch)) continue;
    else {
      const base = [...ch.normalize("NFKD").replace(/\p{M}/gu, "")]
        .map((c) => (winAnsiChar(c) ? c : (TRANSLITERATION[c] ?? "\u0000")))
        .join("");
      if (base.length > 0 && !base.includes("\u0000")) out += base;
      else {
        out += "?";
        if (!unprintable.includes(ch)) unprintable.push(ch);
      }
    }
  }
  return { text: out, unprintable };
}

/**
 * {@link toWinAnsiText} without the report: the text the standard fonts draw. Names come from state
 * data; a character the font cannot draw must not silently vanish, so callers that print names check
 * them with {@link toWinAnsiText} first (see `generate.ts`, which warns).
 */
export function toWinAnsi(text: string): string {
  return toWinAnsiText(text).text;
}

/** `U+738B` style label of a character, for messages. */
export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
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
  const s = toWinAnsi(text)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s === "" ? "x" : s;
}
