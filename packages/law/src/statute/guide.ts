/**
 * @module statute/guide — renders docs/law/prop64.md from the rule data (never edited by hand).
 *
 * The guide is for a prosecutor's staff attorney to check the pack line by line against the statute:
 * the four sections before and after 9 Nov 2016, what H&S 11361.8 provides, the disqualifiers, the
 * readings the pack takes where the data is silent, and every rule with its citation. Regenerate with
 * `npx tsx packages/law/scripts/generate-prop64-guide.ts`; a test fails when the committed file is stale.
 */
import type { CatalogueEntry } from "../catalogue/offence-match.ts";
import { PC290_EXEMPTION, PC290_OFFENCES } from "../catalogue/pc290.ts";
import { PROP64_OFFENCES } from "../catalogue/prop64-offences.ts";
import { RELATED_CHARGES } from "../catalogue/related-charges.ts";
import {
  SUPER_STRIKE_CLAUSES,
  SUPER_STRIKE_HOMICIDE,
  SUPER_STRIKE_OFFENCES,
} from "../catalogue/super-strikes.ts";
import { MISSING_FACT_MESSAGES, REASON_MESSAGES, REMEDY_MESSAGES } from "./messages.ts";
import { PREDICATES, SENTENCE_PRESUMED_COMPLETE_YEARS, STATUTE_FLAGS } from "./predicates.ts";
import { STATUTE_RULES } from "./rules.ts";
import type { StatuteCondition, StatuteRule, StatuteStage } from "./types.ts";

/** H&S 11361.8 subdivision by subdivision, with how well each is sourced (shared/docs/law.md §1.2). */
export const HS_11361_8_PROVISIONS: readonly {
  readonly citation: string;
  readonly text: string;
  readonly verify?: boolean;
}[] = [
  {
    citation: "H&S 11361.8(a)",
    text: "A person currently serving a sentence for a conviction (trial or plea) who would not have been guilty, or would have been guilty of a lesser offence, had Prop 64 been in effect at the time of the offence may petition the trial court for recall or dismissal of sentence and resentencing or dismissal under 11357, 11358, 11359, 11360, 11362.1–11362.4 as amended.",
  },
  {
    citation: "H&S 11361.8(b)",
    text: "The court presumes the petitioner meets (a) unless the opposing party proves otherwise by clear and convincing evidence, and then grants the petition unless that would pose an unreasonable risk of danger to public safety — a risk of a new super-strike felony (PC 1170.18(b)–(c)).",
  },
  {
    citation: "H&S 11361.8(c)",
    text: "A resentenced person gets credit for time served and at most one year of supervision (or the supervision that would otherwise apply, whichever is shorter).",
  },
  {
    citation: "H&S 11361.8(d)",
    text: "Resentencing can never produce a longer term than the original sentence.",
    verify: true,
  },
  {
    citation: "H&S 11361.8(e)",
    text: "A person who has completed the sentence may apply to have the conviction dismissed and sealed as legally invalid, or redesignated as a misdemeanour or infraction.",
    verify: true,
  },
  {
    citation: "H&S 11361.8(f)",
    text: "Same presumption and standard as (b); once the criteria are met the court shall redesignate or dismiss and seal — no public-safety discretion.",
    verify: true,
  },
  { citation: "H&S 11361.8(g)", text: "No hearing unless the applicant requests one.", verify: true },
  {
    citation: "H&S 11361.8(h)",
    text: "A redesignated or resentenced conviction is a misdemeanour or infraction for all purposes.",
    verify: true,
  },
];

const STAGE_TITLES: Readonly<Record<StatuteStage, string>> = {
  scope: "1. Scope — is this a pre-Prop 64 conviction under H&S 11357–11360?",
  offence: "2. Offence — what the conduct would be under the law as Prop 64 amended it",
  remedy: "3. Remedy — the current treatment against the level of the conviction",
  procedure: "4. Procedure — still serving (11361.8(a)) or completed (11361.8(e))",
};

/** Plain words for a rule condition, built from the predicates' descriptions. */
export function describeCondition(c: StatuteCondition): string {
  if ("always" in c) return "always (catch-all)";
  if ("p" in c) return PREDICATES[c.p].describe(c.arg);
  if ("not" in c) return `NOT (${describeCondition(c.not)})`;
  if ("all" in c)
    return c.all.map((x) => ("any" in x ? `(${describeCondition(x)})` : describeCondition(x))).join("; AND ");
  return c.any.map((x) => `(${describeCondition(x)})`).join(" OR ");
}

function outcomeText(r: StatuteRule): string {
  const o = r.outcome;
  if (o.kind === "continue") return "keep the remedy from stage 3";
  if (o.kind === "treatment") {
    return o.treatment === "felony-retained"
      ? "felony option remains"
      : `now ${o.treatment === "lawful" ? "lawful" : `a${o.treatment === "infraction" ? "n infraction" : " misdemeanour"}`}`;
  }
  return `\`${o.remedy}\`${o.reason ? ` (\`${o.reason}\`)` : ""}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function subsText(e: CatalogueEntry): string {
  const subs = (list: readonly (readonly string[])[] | undefined) =>
    (list ?? []).map((s) => s.map((x) => `(${x.toLowerCase()})`).join("")).join(", ");
  const parts: string[] = [];
  parts.push(`bare: ${e.bare}`);
  if (e.definite?.length) parts.push(`definite: ${subs(e.definite)}`);
  if (e.possible?.length) parts.push(`possible: ${subs(e.possible)}`);
  if (e.otherSub) parts.push(`other subdivisions: ${e.otherSub}`);
  parts.push(`attempt/conspiracy: ${e.inchoate ?? "possible"}`);
  return parts.join("; ");
}

/** The whole guide as Markdown. Pure and deterministic. */
export function renderProp64Guide(): string {
  const out: string[] = [];
  const line = (s = "") => out.push(s);

  line("# Prop 64 statute pack — plain-language guide");
  line();
  line("<!-- GENERATED from packages/law/src/statute and packages/law/src/catalogue. Do not edit by hand:");
  line(
    "     run `npx tsx packages/law/scripts/generate-prop64-guide.ts`. A test fails if this file is stale. -->",
  );
  line();
  line(
    "This guide lists every rule the statute pack applies to a conviction under H&S 11357, 11358, 11359 or 11360, with the statute subsection it rests on, so that it can be checked line by line against the code. The pack says what the *law* provides; the office's own policy is a separate layer, reported side by side.",
  );
  line();
  line(
    "Items marked **verify** rest on secondary sources (shared reference: law.md §1.1–§1.2) and must be checked against the statute text before anyone relies on them.",
  );
  line();

  line("## 1. The four sections before and after 9 Nov 2016");
  line();
  line(
    "Prop 64 (the Adult Use of Marijuana Act) took effect on 9 Nov 2016. It made possession of up to 28.5 g of cannabis or 8 g of concentrate, and cultivation of up to 6 plants, lawful for people 21 or over (H&S 11362.1, 11362.2), and rewrote the penalties below. Conviction records carry the *old* subdivision letters.",
  );
  for (const s of PROP64_OFFENCES) {
    line();
    line(`### H&S ${s.section} — ${s.title}`);
    line();
    line("| | Before 9 Nov 2016 |");
    line("|---|---|");
    for (const c of s.before)
      line(`| ${c.label} | ${cell(c.text)}${c.verify ? ` **verify:** ${cell(c.verify)}` : ""} |`);
    line();
    line("| | From 9 Nov 2016 (current text) |");
    line("|---|---|");
    for (const c of s.after)
      line(`| ${c.label} | ${cell(c.text)}${c.verify ? ` **verify:** ${cell(c.verify)}` : ""} |`);
  }
  line();

  line("## 2. What H&S 11361.8 provides");
  line();
  for (const p of HS_11361_8_PROVISIONS)
    line(`- **${p.citation}**${p.verify ? " (**verify**)" : ""}: ${p.text}`);
  line();
  line(
    "Consequence for the pack: the remedy depends on whether the sentence is still being served on the compute-at date (recall and resentence under (a)) or completed (dismiss and seal, or redesignate, under (e)).",
  );
  line();

  line("## 3. Felony-retaining conditions (disqualifiers)");
  line();
  line(
    "11361.8 lists no exclusions of its own. A conviction keeps a felony option — so the pack gives no relief — only where the amended section itself keeps one, for a person 18 or over:",
  );
  line();
  line(
    "- **H&S 11358(d)** (more than 6 plants): (1) a prior super strike or PC 290(c) conviction; (2) two or more prior convictions under 11358(c); (3) listed environmental violations.",
  );
  line(
    "- **H&S 11359(c)**: (1) a prior super strike or PC 290(c) conviction; (2) two or more prior convictions under 11359(b); (3) knowing sale or attempted sale to a person under 18. **H&S 11359(d)**: a person 21 or over who used a person 20 or younger.",
  );
  line(
    "- **H&S 11360(a)(3)**: (A) a prior super strike or PC 290(c) conviction; (B) two or more prior convictions under (a)(2); (C) knowing sale, offer or gift to a person under 18; (D) import into, or transport for sale out of, California above 28.5 g / 4 g concentrate.",
  );
  line("- **H&S 11357** keeps no felony option: priors never matter for possession.");
  line();
  line(
    "Unlike Prop 47 (PC 1170.18(i)), these priors only keep a felony *option* for the amended offence; they do not bar dismissal where the conduct is now lawful (for example 6 plants or fewer at 21 or over).",
  );
  line();

  line("## 4. Readings the pack takes where the data is silent");
  line();
  line(
    "- **Priors** are the person's other convictions dated strictly before this conviction. A conviction on the same day is not a prior.",
  );
  line(
    "- **Age at the offence** is the age on the conviction date: the DOJ file carries no offence date, and the offence cannot be later than the conviction. On a birthday the person has that age (Feb 29 birthdays fall on 1 Mar in common years).",
  );
  line(
    "- **Presumption (H&S 11361.8(b), (f))**: the court presumes eligibility unless the opposing party proves otherwise by clear and convincing evidence. Facts the data never holds — sale to a minor, use of a minor, environmental harm, interstate transport — are therefore presumed absent unless a count flag records them.",
  );
  line(
    "- **Facts the data holds but cannot settle** are not defaulted: a super-strike or PC 290(c) conviction with no date, an offence listed only when force, intent or victim age is shown, or a PC 290 registration with no registrable conviction in the record, send the conviction to review.",
  );
  line(
    "- **Amount** (grams, concentrate, plants) decides between dismissal and redesignation for former 11357(a) and 11358; it is rarely in the data, so such convictions go to review with the remedies still open listed (the least favourable first). Former 11357(b) and 11360(b) are within the limit by definition.",
  );
  line(
    `- **Sentence status**: serving when the recorded sentence end is after the compute-at date; completed when on or before it. With no recorded end, a conviction ${SENTENCE_PRESUMED_COMPLETE_YEARS} or more years before the compute-at date is taken as completed (a pack decision: the longest pre-Prop 64 term, 11360(a)'s 4 years, plus felony probation or parole); a more recent one goes to review.`,
  );
  line(
    "- **Convictions on or after 9 Nov 2016** are taken to be under the amended law and are out of scope; a person convicted later for earlier conduct can still petition individually.",
  );
  line(
    "- **Attempts (PC 664) and conspiracies (PC 182)** to commit 11357–11360 are judged as the object offence. A PC 182 count with no object section written is out of scope here (the office decides, e.g. from the comment text). Whether a conspiracy conviction qualifies at all is a legal judgement for the office: PC 182(a) lets a conspiracy to commit a misdemeanour be punished as a felony (**verify**), so redesignating the object offence may not settle the conspiracy.",
  );
  line("- **Two or more priors**: see the note on those rules below — an interpretation, recorded.");
  line();
  line("Count flags a reviewer or source may set:");
  line();
  for (const [k, v] of Object.entries(STATUTE_FLAGS)) line(`- \`${v}\` (${k})`);
  line();

  line("## 5. The rules");
  line();
  line(
    "Stages run in order. Within a stage the first rule whose condition holds decides; a rule whose condition cannot be decided (a fact is missing) adds its outcome as a possibility, and if the possibilities lead to different remedies the conviction goes to review, naming the missing facts.",
  );
  const stages: StatuteStage[] = ["scope", "offence", "remedy", "procedure"];
  for (const stage of stages) {
    line();
    line(`### ${STAGE_TITLES[stage]}`);
    for (const r of STATUTE_RULES.filter((x) => x.stage === stage)) {
      line();
      line(`#### \`${r.id}\` — ${r.citation}`);
      line();
      line(r.description);
      line();
      line(`- When: ${describeCondition(r.condition)}`);
      line(`- Then: ${outcomeText(r)}`);
      if (r.note) line(`- Note: ${r.note}`);
    }
  }
  line();

  line("## 6. Super strikes — PC 667(e)(2)(C)(iv)");
  line();
  for (const c of SUPER_STRIKE_CLAUSES) line(`- **${c.citation}**: ${c.description}`);
  line();
  line("How the pack reads a code section (definite = counts; possible = review; no = does not count):");
  line();
  line("| Section | Clause | Meaning | Reading |");
  line("|---|---|---|---|");
  for (const e of [SUPER_STRIKE_HOMICIDE, ...SUPER_STRIKE_OFFENCES]) {
    line(
      `| ${e.code} ${e.section} | ${e.citation.replace("PC 667(e)(2)(C)(iv)", "")} | ${cell(e.label)} | ${subsText(e)} |`,
    );
  }
  line();

  line("## 7. PC 290(c) registrable offences");
  line();
  line(
    "Current PC 290(c)(1) (as amended by SB 680, effective 1 Jan 2026), including attempts and conspiracies. The statutes do not say which version of 290(c) they mean.",
  );
  line();
  line("| Section | Meaning | Reading |");
  line("|---|---|---|");
  for (const e of PC290_OFFENCES) line(`| ${e.code} ${e.section} | ${cell(e.label)} | ${subsText(e)} |`);
  line();
  line(`- **${PC290_EXEMPTION.citation}**: ${PC290_EXEMPTION.description}`);
  line();

  line("## 8. Possible related charges (plea bargains)");
  line();
  line(
    "11361.8 does not relieve these sections. Convictions for them in the same case as a Prop 64 conviction are reported as `possible-related` for a person to review; they are never relieved automatically.",
  );
  line();
  line("| Section | Meaning | Source |");
  line("|---|---|---|");
  for (const e of RELATED_CHARGES) {
    const subs = (e.subsections ?? []).map((s) => `(${s.toLowerCase()})`).join("");
    line(`| ${e.code} ${e.section}${subs} | ${e.label} | ${e.source} |`);
  }
  line();

  line("## 9. Vocabulary");
  line();
  line("Remedies:");
  line();
  for (const [k, v] of Object.entries(REMEDY_MESSAGES)) line(`- \`${k}\`: ${v}`);
  line();
  line("Reason codes:");
  line();
  for (const [k, v] of Object.entries(REASON_MESSAGES)) line(`- \`${k}\`: ${v}`);
  line();
  line("Missing facts:");
  line();
  for (const [k, v] of Object.entries(MISSING_FACT_MESSAGES)) line(`- \`${k}\`: ${v}`);
  line();
  return out.join("\n");
}
