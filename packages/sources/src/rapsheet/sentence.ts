/**
 * @module sentence — reads sentence text (`SEN: 012 MONTHS PROBATION, 045 DAYS JAIL, FINE SS`).
 *
 * Follows docs/rap-sheet-format.md §1.15 with its recommended fixes: decimals survive (`1.5 YEARS`
 * is one and a half years, not 15), hours and weeks are read (`48 HOURS JAIL`), every jail, probation
 * and prison part is kept (not only the first), and short continuation lines such as `SS,` are kept.
 */
import type { Duration, SentenceComponent } from "./types.ts";

const TAGS: ReadonlyArray<readonly [SentenceComponent["kind"], RegExp]> = [
  ["probation", /^(.*?)\b(?:PROBATION|PROB)$/],
  ["jail", /^(.*?)\b(?:JAIL|JL WORK|JL)$/],
  ["prison", /^(.*?)\b(?:PRISON)$/],
];

/** A parsed sentence: its components and the parts whose length could not be read. */
export interface ParsedSentence {
  readonly text: string;
  readonly components: readonly SentenceComponent[];
  /** Probation/jail/prison parts with a length in a unit we cannot read (kept with no duration). */
  readonly unreadable: readonly string[];
}

/** Joins the lines of a sentence and removes OCR noise. */
export function cleanSentenceText(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .filter((l) => /[A-Z0-9$]/.test(l))
    .map((l) =>
      l
        .replace(/'/g, "")
        .replace(/(?<!\d)\.|\.(?!\d)/g, "")
        .replace(/\bRESIN\b/g, "RESTN"),
    )
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

function readDuration(prefix: string): Duration | undefined | null {
  const p = prefix.trim();
  if (p === "" || /^FORMAL$|^SUMMARY$|^INFORMAL$|^COURT$/.test(p)) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([A-Z]+)/.exec(p);
  if (!m) return null;
  const amount = Number(m[1]);
  const u = m[2]!.charAt(0);
  if (u === "Y" || u === "M" || u === "D" || u === "H" || u === "W") return { amount, unit: u };
  return null;
}

function detailKind(d: string): SentenceComponent["kind"] {
  if (/\bfine\b|^\$/.test(d)) return "fine";
  if (d === "restitution") return "restitution";
  return "other";
}

/**
 * Parses cleaned sentence text into components.
 * @example parseSentence("1.5 YEARS PROBATION, 48 HOURS JAIL") // probation 1.5 Y, jail 48 H
 */
export function parseSentence(text: string): ParsedSentence {
  const components: SentenceComponent[] = [];
  const unreadable: string[] = [];
  for (const rawPart of text.split(",")) {
    const part = rawPart.trim().replace(/\s+/g, " ");
    if (!part) continue;
    let matched = false;
    for (const [kind, re] of TAGS) {
      const m = re.exec(part);
      if (!m) continue;
      const d = readDuration(m[1]!);
      if (d === null) {
        unreadable.push(part);
        components.push({ kind, text: part.toLowerCase() });
      } else {
        components.push(
          d ? { kind, text: part.toLowerCase(), duration: d } : { kind, text: part.toLowerCase() },
        );
      }
      matched = true;
      break;
    }
    if (matched) continue;
    let d = part.toLowerCase().replace(/\b(?:restn|rstn)\b/g, "restitution");
    if (d.includes("fine ss")) d = "fine ss";
    else if (d.includes("concurrent")) d = "concurrent";
    components.push({ kind: detailKind(d), text: d });
  }
  return { text, components, unreadable };
}

/** Renders one duration the way the original did: `12m`, `3y`, `45d`, and `48h`, `2w` for the new units. */
export function formatDuration(d: Duration): string {
  return `${d.amount}${d.unit.toLowerCase()}`;
}

/**
 * Renders a sentence the original's way: prison, then probation, then jail, then the other parts,
 * joined by `, ` (`12m probation, 45d jail, fine ss`).
 */
export function formatSentence(components: readonly SentenceComponent[]): string {
  const out: string[] = [];
  for (const kind of ["prison", "probation", "jail"] as const) {
    for (const c of components) {
      if (c.kind !== kind) continue;
      out.push(c.duration ? `${formatDuration(c.duration)} ${kind}` : /\d/.test(c.text) ? c.text : kind);
    }
  }
  for (const c of components) {
    if (c.kind !== "prison" && c.kind !== "probation" && c.kind !== "jail") out.push(c.text);
  }
  return out.join(", ");
}
