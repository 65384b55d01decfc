/**
 * @module statute/predicates — the named, three-valued predicates the statute rules are built from.
 *
 * Each predicate reads the person, the count and compute-at and answers true, false or "unknown"
 * (naming the missing fact). Readings the data forces on us are documented here and in the guide:
 *
 * - **Priors** are the person's other convicted counts dated strictly before this conviction's date.
 *   A conviction on the same day is not a prior (it cannot have preceded the offence being judged).
 * - **Age at offence** is the age on the conviction date: the DOJ file and the model carry no offence
 *   date. The offence cannot be later than the conviction, so the person was at most that old.
 * - **Facts the data never holds** (sale to a minor, environmental harm, interstate transport, hiring a
 *   minor) are presumed absent unless a count flag records them: under H&S 11361.8(b) and (f) the court
 *   presumes the person meets the criteria unless the opposing party proves otherwise by clear and
 *   convincing evidence.
 * - **Facts the data does hold but cannot settle** (a super-strike conviction with no date, a section
 *   listed only with force or age facts) are unknown and send the conviction to review.
 * - **Sentence status**: serving when `sentenceEnd` is after compute-at; completed when on or before.
 *   With no `sentenceEnd`, a conviction at least `SENTENCE_PRESUMED_COMPLETE_YEARS` before compute-at is
 *   taken as completed; a more recent one is unknown.
 */
import { addYears, type Count, fullYearsBetween, PROP64_EFFECTIVE, type Tri } from "@clearance/core";
import { pc290Match } from "../catalogue/pc290.ts";
import { prop64OffenceSection } from "../catalogue/prop64-offences.ts";
import { superStrikeMatch } from "../catalogue/super-strikes.ts";
import type {
  StatuteContext,
  StatuteMissingFact,
  StatutePredicateName,
  StatutePredicateResult,
} from "./types.ts";

/**
 * Years after the conviction date beyond which a sentence with no recorded end is taken as completed.
 * The longest pre-Prop 64 term for these sections was 11360(a)'s 4-year upper term; with up to 5 years
 * of felony probation or parole after custody, 10 years covers every ordinary sentence. A pack decision,
 * not statute text.
 */
export const SENTENCE_PRESUMED_COMPLETE_YEARS = 10;

/** Count flags the statute pack reads (a source or reviewer may set them; DOJ data never does). */
export const STATUTE_FLAGS = {
  /** The amount was within the personal-use limit: 28.5 g cannabis, 8 g concentrate, 6 plants (H&S 11362.1). */
  quantityWithinLimit: "quantity-within-limit",
  /** The amount exceeded that limit. */
  quantityOverLimit: "quantity-over-limit",
  /** H&S 11358(d)(3): the cultivation caused a listed environmental violation or harm. */
  environmentalHarm: "environmental-harm",
  /** H&S 11359(c)(3), 11360(a)(3)(C): knowing sale (or offer, gift) to a person under 18. */
  saleToMinor: "sale-to-minor",
  /** H&S 11359(d): a person 21+ hired, employed or used a person 20 or younger. */
  usedMinor: "used-minor",
  /** H&S 11360(a)(3)(D): import into, or transport for sale out of, California above the amounts. */
  interstateTransport: "interstate-transport",
} as const;

/** A predicate: plain description (for the guide and `clearance rules`) and its evaluation. */
export interface StatutePredicate {
  describe(arg: string | undefined): string;
  evaluate(ctx: StatuteContext, arg: string | undefined): StatutePredicateResult;
}

const PRESUMED = "H&S 11361.8(b), (f)";

function unknown(missing: StatuteMissingFact, facts?: Record<string, unknown>): StatutePredicateResult {
  return { value: "unknown", missing: [missing], ...(facts ? { facts } : {}) };
}

function flagFact(ctx: StatuteContext, flag: string): StatutePredicateResult {
  if (ctx.count.flags.includes(flag)) return { value: true, facts: { flag } };
  return { value: false, facts: { flag, presumedAbsent: PRESUMED } };
}

/** Age in full years on the conviction date, or undefined when DOB or the date is unreadable. */
export function ageOnConviction(ctx: StatuteContext): number | undefined {
  const dob = ctx.person.dob.value;
  const on = ctx.count.date.value;
  if (dob === undefined || on === undefined) return undefined;
  return fullYearsBetween(dob, on);
}

const RECOGNISED_SUBSECTIONS: Readonly<Record<string, readonly string[]>> = {
  "11357": ["A", "B", "C", "D", "E"],
  "11360": ["A", "B"],
};

function others(ctx: StatuteContext): { count: Count; caseKey: string }[] {
  const out: { count: Count; caseKey: string }[] = [];
  for (const k of ctx.person.cases) {
    for (const c of k.counts) {
      if (c.convicted && c.id !== ctx.count.id) out.push({ count: c, caseKey: k.key });
    }
  }
  return out;
}

/** "before" (strictly earlier date), "not-before", or "undated" relative to the evaluated conviction. */
function timing(ctx: StatuteContext, c: Count): "before" | "not-before" | "undated" {
  const mine = ctx.count.date.value;
  const theirs = c.date.value;
  if (mine === undefined || theirs === undefined) return "undated";
  return theirs < mine ? "before" : "not-before";
}

function or3(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === "unknown" || b === "unknown") return "unknown";
  return false;
}

function priorSuperStrikeOrPc290(ctx: StatuteContext): StatutePredicateResult {
  let result: StatutePredicateResult = { value: false };
  let registrableInData = false;
  for (const { count: c } of others(ctx)) {
    const ss = superStrikeMatch(c.parsed);
    const reg = pc290Match(c.parsed, c.level);
    if (reg.value === true) registrableInData = true;
    const m = or3(ss.value, reg.value);
    if (m === false) continue;
    const t = timing(ctx, c);
    if (t === "not-before") continue;
    const citation = ss.value !== false ? ss.entry?.citation : reg.entry?.citation;
    const facts = { priorCountId: c.id, priorSection: c.codeSection, listedUnder: citation };
    if (t === "before" && m === true) return { value: true, facts };
    if (result.value === false) {
      result = unknown(t === "undated" ? "prior-conviction-date" : "prior-offence-details", facts);
    }
  }
  if (result.value === false && ctx.person.pc290Registration && !registrableInData) {
    return unknown("pc290-conviction-date", { pc290Registration: true });
  }
  return result;
}

function twoPriorSameSection(ctx: StatuteContext): StatutePredicateResult {
  const sec = prop64OffenceSection(ctx.count.parsed);
  if (!sec) return { value: false };
  const before = new Set<string>();
  const undated = new Set<string>();
  for (const { count: c, caseKey } of others(ctx)) {
    const p = c.parsed;
    if (prop64OffenceSection(p) !== sec || p.attempt || p.conspiracy) continue;
    // 11360(a)(3)(B) counts priors "under paragraph (2)" (sale/transport); former 11360(b) gifts are not.
    if (sec === "11360" && p.subsections[0] === "B") continue;
    const t = timing(ctx, c);
    if (t === "before") before.add(caseKey);
    else if (t === "undated") undated.add(caseKey);
  }
  for (const k of before) undated.delete(k);
  const facts = { priorCases: [...before], undatedCases: [...undated] };
  if (before.size >= 2) return { value: true, facts };
  if (before.size + undated.size >= 2) return unknown("prior-conviction-date", facts);
  return { value: false, facts };
}

function serving(ctx: StatuteContext): StatutePredicateResult {
  const end = ctx.count.sentenceEnd;
  if (end !== undefined) return { value: end > ctx.computeAt, facts: { sentenceEnd: end } };
  const date = ctx.count.date.value;
  if (date !== undefined && addYears(date, SENTENCE_PRESUMED_COMPLETE_YEARS) <= ctx.computeAt) {
    return {
      value: false,
      facts: { sentenceEnd: "not recorded", presumedCompletedAfterYears: SENTENCE_PRESUMED_COMPLETE_YEARS },
    };
  }
  return unknown("sentence-status", { sentenceEnd: "not recorded" });
}

const AGE_WORDS: Readonly<Record<string, string>> = {
  "under-18": "under 18",
  "18-20": "18 to 20",
  "21+": "21 or over",
  "18+": "18 or over",
};

const LEVEL_WORDS: Readonly<Record<string, string>> = {
  F: "a felony",
  M: "a misdemeanour",
  I: "an infraction",
};

/** The predicate library, by name. */
export const PREDICATES: Readonly<Record<StatutePredicateName, StatutePredicate>> = {
  "prop64-section": {
    describe: () =>
      "the conviction is under H&S 11357, 11358, 11359 or 11360 (or an attempt or conspiracy to commit one)",
    evaluate: (ctx) => {
      const s = prop64OffenceSection(ctx.count.parsed);
      return {
        value: s !== undefined,
        facts: { codeSection: ctx.count.codeSection, ...(s ? { section: s } : {}) },
      };
    },
  },
  "prop64-number-other-code": {
    describe: () => "the section number is 11357–11360 but the code is written as something other than H&S",
    evaluate: (ctx) => {
      const p = ctx.count.parsed;
      const hit =
        p.code !== undefined &&
        p.code !== "HS" &&
        ["11357", "11358", "11359", "11360"].includes(p.section ?? "");
      return { value: hit, facts: { code: p.code } };
    },
  },
  convicted: {
    describe: () => "the count ended in a conviction",
    evaluate: (ctx) => ({ value: ctx.count.convicted }),
  },
  "conviction-date-known": {
    describe: () => "the conviction date is readable",
    evaluate: (ctx) => ({
      value: ctx.count.date.value !== undefined,
      facts: { convictionDate: ctx.count.date.raw },
    }),
  },
  "convicted-before-effective-date": {
    describe: () => "the conviction is dated before 9 Nov 2016, when Prop 64 took effect",
    evaluate: (ctx) => {
      const d = ctx.count.date.value;
      if (d === undefined) return unknown("conviction-date");
      return { value: d < PROP64_EFFECTIVE, facts: { convictionDate: ctx.count.date.raw } };
    },
  },
  "already-relieved": {
    describe: () => "a disposition records an H&S 11361.8 order or sealing for this count",
    evaluate: (ctx) => ({
      value: ctx.count.dispositions.some((d) => /11361\.8/.test(d.type) || d.type.toLowerCase() === "sealed"),
    }),
  },
  section: {
    describe: (arg) => `the section is H&S ${arg}`,
    evaluate: (ctx, arg) => ({ value: prop64OffenceSection(ctx.count.parsed) === arg }),
  },
  subsection: {
    describe: (arg) => `the (pre-Prop 64) subdivision is (${(arg ?? "").toLowerCase()})`,
    evaluate: (ctx, arg) => {
      const sec = prop64OffenceSection(ctx.count.parsed) ?? "";
      const sub = ctx.count.parsed.subsections[0];
      if (sub === undefined) return unknown("subsection", { subsection: "none written" });
      if (!(RECOGNISED_SUBSECTIONS[sec] ?? []).includes(sub)) {
        return unknown("subsection", { subsection: sub, recognised: false });
      }
      return { value: sub === arg, facts: { subsection: sub } };
    },
  },
  age: {
    describe: (arg) =>
      `the person was ${AGE_WORDS[arg ?? ""] ?? arg} at the offence (age on the conviction date)`,
    evaluate: (ctx, arg) => {
      const age = ageOnConviction(ctx);
      if (age === undefined) return unknown("age-at-offence", { dob: ctx.person.dob.raw });
      const v =
        arg === "under-18"
          ? age < 18
          : arg === "18-20"
            ? age >= 18 && age <= 20
            : arg === "21+"
              ? age >= 21
              : age >= 18;
      return { value: v, facts: { ageOnConviction: age } };
    },
  },
  "within-personal-limit": {
    describe: () =>
      "the amount was within the personal-use limit (28.5 g cannabis, 8 g concentrate, 6 living plants; H&S 11362.1(a))",
    evaluate: (ctx) => {
      const f = ctx.count.flags;
      if (f.includes(STATUTE_FLAGS.quantityWithinLimit))
        return { value: true, facts: { quantity: "within limit" } };
      if (f.includes(STATUTE_FLAGS.quantityOverLimit))
        return { value: false, facts: { quantity: "over limit" } };
      return unknown("quantity", { quantity: "not recorded" });
    },
  },
  "prior-super-strike-or-pc290": {
    describe: () =>
      "the person has a conviction dated before this one for a PC 667(e)(2)(C)(iv) super strike or a PC 290(c) registrable offence",
    evaluate: priorSuperStrikeOrPc290,
  },
  "two-prior-same-section": {
    describe: () =>
      "the person has two or more convictions of the same section, in different cases, dated before this one",
    evaluate: twoPriorSameSection,
  },
  "environmental-harm": {
    describe: () =>
      "the cultivation caused a listed environmental violation (recorded by flag; otherwise presumed absent)",
    evaluate: (ctx) => flagFact(ctx, STATUTE_FLAGS.environmentalHarm),
  },
  "sale-to-minor": {
    describe: () =>
      "the offence involved a knowing sale (or offer, gift) to a person under 18 (flag; otherwise presumed absent)",
    evaluate: (ctx) => flagFact(ctx, STATUTE_FLAGS.saleToMinor),
  },
  "used-minor": {
    describe: () =>
      "the person hired, employed or used a person 20 or younger (flag; otherwise presumed absent)",
    evaluate: (ctx) => flagFact(ctx, STATUTE_FLAGS.usedMinor),
  },
  "interstate-transport": {
    describe: () =>
      "the offence was import into, or transport for sale out of, California of more than 28.5 g or 4 g concentrate (flag; otherwise presumed absent)",
    evaluate: (ctx) => flagFact(ctx, STATUTE_FLAGS.interstateTransport),
  },
  treatment: {
    describe: (arg) =>
      arg === "lawful"
        ? "the conduct is now lawful"
        : arg === "felony-retained"
          ? "a felony-retaining condition applies"
          : `the conduct is now ${arg === "infraction" ? "an infraction" : "a misdemeanour"}`,
    evaluate: (ctx, arg) => ({ value: ctx.treatment === arg, facts: { treatment: ctx.treatment } }),
  },
  level: {
    describe: (arg) =>
      `the conviction was ${(arg ?? "")
        .split("|")
        .map((l) => LEVEL_WORDS[l] ?? l)
        .join(" or ")}`,
    evaluate: (ctx, arg) => {
      const level = ctx.count.level;
      if (level === undefined) return unknown("level", { level: "not recorded" });
      return { value: (arg ?? "").split("|").includes(level), facts: { level } };
    },
  },
  "serving-sentence": {
    describe: () => "the person is still serving the sentence on the compute-at date",
    evaluate: serving,
  },
};
