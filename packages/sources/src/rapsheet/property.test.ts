/**
 * Property: any text made of valid sheet parts with random noise lines inserted never throws, and
 * every non-blank input line is either consumed by a rule or covered by a diagnostic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRapSheet } from "./parse.ts";

const PARTS = [
  "CII/A12345678\nDOB/19700315    SEX/F  RAC/OTHER\nNAM/01 SAMPLE, PAT\n    02 SAMPLE, P",
  "* * * *",
  "- - - -",
  "ARR/DET/CITE: NAM:01 DOB:19700315\n19900301 CAPD SAN FRANCISCO",
  "COURT:                 NAM:01\n19900415 CAMC SAN FRANCISCO",
  "CUSTODY:JAIL  NAM:01\n19970105 CASO LOS ANGELES",
  "REGISTRATION:  NAM:01\n19960101 CAPD SAN FRANCISCO",
  "CNT:01     #C900001\n  11357(B) HS-POSSESS MARIJUANA",
  "CNT:01-02 #LA950920\n  11359 HS-POSSESS MARIJUANA FOR SALE",
  "*DISPO:CONVICTED\n   CONV STATUS:MISDEMEANOR\n   SEN: 012 MONTHS PROBATION, 010 DAYS JAIL, FINE SS,\n        RESTN",
  " 20050210\n   DISPO:CONV SET ASIDE & DISM PER 1203.4 PC",
  "  SEE COMMENT FOR CHARGE\n*DISPO:CONVICTED\n   COM: SEN-X1 YR PROB, 30 DS JL\n   COM: CNT 03 CHRG-148(A)(1) PC RESIST OFFICER",
  "* * * * * * * * * * *\n** POTENTIAL FELONY STRIKE ENTRY **\n* * * * * * * * * * *",
  "  -ATTEMPTED  -BENCH WARRANT",
  "Page 2 of 3",
  "* * * END OF MESSAGE * * *",
];

const noise = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "DISPO:",
    "CNT:",
    "COURT:",
    "#",
    "SEN:",
    "****",
    "* * *",
    "12345678",
    "664/",
    "CONV STATUS:",
    "\u25AFOURT:",
    "–",
  ),
  fc.stringMatching(/^[ -~\u00C0-\u00FF]{0,30}$/),
);

const doc = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...PARTS), weight: 3 }, { arbitrary: noise, weight: 1 }), {
    maxLength: 40,
  })
  .chain((parts) => fc.constantFrom("\n", "\r\n").map((eol) => parts.join("\n").replace(/\n/g, eol)));

describe("parser property", () => {
  it("never throws, and accounts for every non-blank line", () => {
    fc.assert(
      fc.property(doc, (text) => {
        const r = parseRapSheet(text);
        const lines = text.split(/\r\n|\r|\n/);
        expect(r.lineCount).toBe(lines.length);
        const covered = new Set(r.consumedLines);
        for (const d of r.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines.length);
          for (let n = d.line; n <= (d.endLine ?? d.line); n++) covered.add(n);
        }
        lines.forEach((l, i) => {
          if (l.replace(/[\s\f\u00A0]/g, "") !== "")
            expect(covered.has(i + 1), `line ${i + 1}: ${JSON.stringify(l)}`).toBe(true);
        });
        for (const c of r.cycles)
          for (const e of c.events)
            for (const n of e.counts) {
              expect(n.line).toBeGreaterThanOrEqual(1);
              expect(n.endLine).toBeGreaterThanOrEqual(n.line);
            }
      }),
      { numRuns: 400 },
    );
  });
});
