/**
 * @module statute/messages — plain words for the statute pack's codes (the message catalogue).
 *
 * Logic never builds sentences; it returns codes. This catalogue turns them into words for the CLI,
 * reports and review screens, so the wording can be reviewed (and translated) on its own.
 */
import type { StatuteMissingFact, StatuteReason, StatuteRemedy, StatuteResult } from "./types.ts";

/** Plain words for each remedy. */
export const REMEDY_MESSAGES: Readonly<Record<StatuteRemedy, string>> = {
  "dismiss-and-seal": "Dismiss and seal",
  "redesignate-misdemeanor": "Redesignate as a misdemeanour",
  "redesignate-infraction": "Redesignate as an infraction",
  "recall-and-resentence": "Recall the sentence and resentence (or dismiss)",
  "no-relief": "No relief under H&S 11361.8",
  "needs-review": "Needs review",
  "not-applicable": "Not applicable",
};

/** Plain words for each reason code. */
export const REASON_MESSAGES: Readonly<Record<StatuteReason, string>> = {
  "not-prop64-section": "the conviction is not under H&S 11357, 11358, 11359 or 11360",
  "not-convicted": "the count did not end in a conviction",
  "convicted-on-or-after-effective-date":
    "the conviction is dated on or after 9 Nov 2016, when Prop 64 took effect (if the offence was earlier, the person may still petition)",
  "already-relieved": "the record already shows an H&S 11361.8 order or sealing for this count",
  "code-not-health-and-safety": "the section number is a Prop 64 section but the code is not written as H&S",
  "conviction-date-unknown": "the conviction date cannot be read",
  "now-lawful": "the conduct is now lawful for a person of that age and amount",
  "now-infraction": "the conduct is now an infraction",
  "now-misdemeanor": "the conduct is now a misdemeanour",
  "prior-super-strike-or-pc290":
    "the person had an earlier conviction for a super strike (PC 667(e)(2)(C)(iv)) or a PC 290(c) registrable offence, so the felony option remains",
  "two-prior-convictions":
    "the person had two or more earlier convictions of the same section, so the felony option remains",
  "environmental-harm":
    "the cultivation caused a listed environmental violation, so the felony option remains",
  "sale-to-minor": "the offence involved a sale to a person under 18, so the felony option remains",
  "used-minor": "the person used a person 20 or younger in the offence, so the felony option remains",
  "interstate-transport":
    "the offence involved import into or transport out of California, so the felony option remains",
  "no-lesser-offence":
    "the conviction is already at the level the conduct carries now, so there is no lesser offence",
  "missing-facts": "a fact the remedy depends on is missing",
};

/** Plain words for each missing fact. */
export const MISSING_FACT_MESSAGES: Readonly<Record<StatuteMissingFact, string>> = {
  code: "confirmation that the section is the Health and Safety Code offence",
  "conviction-date": "the conviction date",
  "age-at-offence": "the person's age at the offence (date of birth)",
  subsection: "the subdivision of the section (e.g. 11357(a) or (b))",
  quantity: "the amount (grams, concentrate, or number of plants)",
  level: "whether the conviction was a felony, misdemeanour or infraction",
  "sentence-status": "whether the sentence has been completed",
  "prior-conviction-date": "the date of an earlier conviction that could keep the felony option",
  "prior-offence-details":
    "the facts of an earlier conviction that may be a super strike or PC 290(c) offence",
  "pc290-conviction-date": "the date of the conviction behind a PC 290 registration",
};

/**
 * One plain sentence for a result, e.g. "Dismiss and seal (H&S 11361.8(e); basis H&S 11362.1(a)(1)):
 * the conduct is now lawful for a person of that age and amount."
 */
export function describeStatute(result: StatuteResult): string {
  const cite =
    result.basis && result.basis !== result.citation
      ? `${result.citation}; basis ${result.basis}`
      : result.citation;
  let text = `${REMEDY_MESSAGES[result.remedy]} (${cite}): ${REASON_MESSAGES[result.reasonCode]}`;
  if (result.missingFacts.length > 0) {
    text += `. Missing: ${result.missingFacts.map((m) => MISSING_FACT_MESSAGES[m]).join("; ")}`;
  }
  if (result.possible && result.possible.length > 0) {
    text += `. Possible: ${result.possible.map((r) => REMEDY_MESSAGES[r]).join("; ")}`;
  }
  return `${text}.`;
}

/** Opening words of the `statute` policy's reason when the person is still serving (H&S 11361.8(a)). */
export const STILL_SERVING_MESSAGE =
  "Still serving the sentence: the person may petition to recall or dismiss the sentence (H&S 11361.8(a))";
