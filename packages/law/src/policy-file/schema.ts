/**
 * @module policy-file/schema — the JSON format of a custom office policy (`clearance-policy/1`).
 *
 * A policy file is an ordered list of rules over a fixed predicate vocabulary (architecture.md decision 5:
 * rules are typed data with citations). The first rule whose condition holds decides the conviction; a
 * condition that cannot be decided because a date is unreadable sends the conviction to Hand Review
 * (decision 4). This module is only the shape (step 1 of parse → normalize → cross-validate); the
 * meaning of each predicate is in `evaluate.ts`, the guide in docs/policy-files.md, and the published
 * JSON Schema (generated from this schema) in docs/policy-file.schema.json.
 */
import { parseIsoDate } from "@clearance/core";
import { z } from "zod";

/** The `format` value of every policy file of this version. */
export const POLICY_FILE_FORMAT = "clearance-policy/1";

/** Office determinations a rule may set (architecture.md "Outcome vocabulary"; empty = nothing applies). */
export const POLICY_DETERMINATIONS = [
  "Eligible for Dismissal",
  "Eligible for Reduction",
  "Not eligible",
  "Hand Review",
  "To be reviewed by City Attorneys",
  "Maybe Eligible - Flag for Review",
  "",
] as const;

/** Determinations a reviewer may set by an override: the vocabulary without "nothing applies". */
export const OFFICE_DETERMINATIONS: readonly string[] = POLICY_DETERMINATIONS.filter((d) => d !== "");

/** One of {@link POLICY_DETERMINATIONS}. */
export type PolicyDetermination = (typeof POLICY_DETERMINATIONS)[number];

/** A condition as written in the file: exactly one combinator or predicate key. */
export interface PolicyCondition {
  readonly all?: readonly PolicyCondition[];
  readonly any?: readonly PolicyCondition[];
  readonly not?: PolicyCondition;
  readonly felony?: boolean;
  readonly level?: LevelName | readonly LevelName[];
  readonly section?: string | readonly string[];
  readonly sectionStartsWith?: string | readonly string[];
  readonly prop64Section?: Prop64Name | readonly Prop64Name[];
  readonly convictedBefore?: string;
  readonly convictedOnOrAfter?: string;
  readonly ageAtConvictionUnder?: number;
  readonly currentAgeAtLeast?: number;
  readonly currentAgeAtMost?: number;
  readonly yearsSinceConvictionAtLeast?: number;
  readonly noConvictionWithinYears?: { readonly years: number; readonly boundary: "inclusive" | "exclusive" };
  readonly onlyProp64Convictions?: boolean;
  readonly deceased?: boolean;
  readonly allSentencesCompleted?: boolean;
  readonly servingSentence?: boolean;
  readonly priorSuperstrike?: boolean;
  readonly priorPc290?: boolean;
  readonly priorsSameSectionAtLeast?: number;
  readonly county?: string | readonly string[];
}

type LevelName = "F" | "M" | "I";
type Prop64Name = "11357" | "11358" | "11359" | "11360";

const text = z.string().min(1, "must not be empty");
const oneOrMore = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || parseIsoDate(s) !== undefined, "is not a real date");
const years = (max: number) => z.int().min(1).max(max);
const flag = (what: string) => z.boolean().optional().describe(what);

/** Keys a condition may use, in the order the guide lists them. */
export const CONDITION_KEYS = [
  "all",
  "any",
  "not",
  "felony",
  "level",
  "section",
  "sectionStartsWith",
  "prop64Section",
  "convictedBefore",
  "convictedOnOrAfter",
  "ageAtConvictionUnder",
  "currentAgeAtLeast",
  "currentAgeAtMost",
  "yearsSinceConvictionAtLeast",
  "noConvictionWithinYears",
  "onlyProp64Convictions",
  "deceased",
  "allSentencesCompleted",
  "servingSentence",
  "priorSuperstrike",
  "priorPc290",
  "priorsSameSectionAtLeast",
  "county",
] as const satisfies readonly (keyof PolicyCondition)[];

/** Schema of one condition (recursive through `all`, `any`, `not`). */
export const policyConditionSchema: z.ZodType<PolicyCondition> = z
  .strictObject(
    {
      get all() {
        return z
          .array(policyConditionSchema)
          .min(1)
          .optional()
          .describe("Holds when every condition holds (unknown if none is false and one is unknown).");
      },
      get any() {
        return z
          .array(policyConditionSchema)
          .min(1)
          .optional()
          .describe("Holds when some condition holds (unknown if none is true and one is unknown).");
      },
      get not() {
        return policyConditionSchema
          .optional()
          .describe("Holds when the condition does not (unknown stays unknown).");
      },
      felony: flag(
        "The conviction is a felony (level F). false: misdemeanour, infraction or level not given.",
      ),
      level: oneOrMore(z.enum(["F", "M", "I"]))
        .optional()
        .describe("The conviction's level is one of these (F felony, M misdemeanour, I infraction)."),
      section: oneOrMore(text)
        .optional()
        .describe(
          "The code section text contains one of these (the original tool's matcher: `11357` matches `664/11357(A) HS`). Upper-cased.",
        ),
      sectionStartsWith: oneOrMore(text)
        .optional()
        .describe("The code section text starts with one of these (e.g. `11357(A)`). Upper-cased."),
      prop64Section: oneOrMore(z.enum(["11357", "11358", "11359", "11360"]))
        .optional()
        .describe("The first Prop 64 section number found in the code section text is one of these."),
      convictedBefore: isoDate.optional().describe("The conviction date is before this date (YYYY-MM-DD)."),
      convictedOnOrAfter: isoDate
        .optional()
        .describe("The conviction date is on or after this date (YYYY-MM-DD), e.g. 2016-11-09."),
      ageAtConvictionUnder: years(120)
        .optional()
        .describe("Date of birth + N years is after the conviction date (on the Nth birthday: not under N)."),
      currentAgeAtLeast: years(120)
        .optional()
        .describe("Date of birth + N years is on or before compute-at."),
      currentAgeAtMost: z
        .number()
        .min(0)
        .max(120)
        .optional()
        .describe("Age at compute-at, as days since birth / 365.25, is at most this (the LA flow's 21.0)."),
      yearsSinceConvictionAtLeast: years(100)
        .optional()
        .describe("The conviction date is on or before compute-at minus N years."),
      noConvictionWithinYears: z
        .strictObject({
          years: years(100),
          boundary: z
            .enum(["inclusive", "exclusive"])
            .describe(
              "inclusive: a conviction exactly N years before compute-at is within the window (gogen); exclusive: it is not (Los Angeles).",
            ),
        })
        .optional()
        .describe(
          "No conviction of the person (any county, this one included) lies within the last N years.",
        ),
      onlyProp64Convictions: flag(
        "Every conviction of the person is a Prop 64 conviction (H&S 11357–11360).",
      ),
      deceased: flag("The person is deceased."),
      allSentencesCompleted: flag("Every sentence of the person has ended by compute-at."),
      servingSentence: flag("Some sentence of the person ends after compute-at."),
      priorSuperstrike: flag(
        "A super strike (PC 667(e)(2)(C)(iv)) precedes this conviction (Los Angeles semantics, including its quirks).",
      ),
      priorPc290: flag(
        "A PC 290(c) offence or registration precedes this conviction (Los Angeles semantics).",
      ),
      priorsSameSectionAtLeast: years(100)
        .optional()
        .describe(
          "At least N earlier Prop 64 convictions whose code section starts with the same five characters.",
        ),
      county: oneOrMore(text)
        .optional()
        .describe("The conviction's county is one of these (upper-cased, e.g. LOS ANGELES)."),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown predicate ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; use one of ${CONDITION_KEYS.join(", ")}`
          : undefined,
    },
  )
  .superRefine(
    (value, ctx) => {
      const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
      if (keys.length > 1)
        ctx.addIssue({
          code: "custom",
          message: `a condition has exactly one key, found ${keys.join(", ")}; combine them with "all" or "any"`,
        });
      else if (keys.length === 0)
        ctx.addIssue({ code: "custom", message: "a condition needs one predicate or all/any/not" });
    },
    // Not an object, or an unknown key: already reported; do not also say the condition is empty.
    { when: (payload) => !payload.issues.some((i) => (i.path?.length ?? 0) === 0) },
  )
  .meta({ id: "condition", minProperties: 1, maxProperties: 1 });

const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-' (e.g. la.age)");

const outcome = {
  determination: z.enum(POLICY_DETERMINATIONS).describe("The office determination (compatible strings)."),
  reason: z
    .string()
    .describe(
      "Reason shown with the determination. `{section}` is replaced by the matched section when the rule's condition is a section predicate.",
    ),
};

/** Schema of one rule. */
export const policyRuleSchema = z.strictObject({
  id: ruleId.describe("Unique id, shown in the trace (e.g. la.age)."),
  description: z.string().optional(),
  citation: z
    .string()
    .min(1)
    .optional()
    .describe("The statute subsection the rule rests on, e.g. H&S 11361.9(a)."),
  when: policyConditionSchema,
  ...outcome,
});

/** Schema of a policy file (`clearance-policy/1`). */
export const policyFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of docs/policy-file.schema.json, for editors."),
    format: z.literal(POLICY_FILE_FORMAT),
    id: ruleId.describe("Policy id recorded with every run."),
    label: text.describe("Human name of the policy."),
    description: z.string().optional(),
    rules: z.array(policyRuleSchema).describe("Checked in order; the first that holds decides."),
    otherwise: z
      .strictObject({
        id: ruleId.optional(),
        description: z.string().optional(),
        citation: z.string().min(1).optional(),
        ...outcome,
      })
      .describe("The decision when no rule holds."),
  })
  .meta({
    title: "Clearance policy file",
    description:
      "An office policy for Prop 64 clearance: ordered rules over the predicate vocabulary (docs/policy-files.md).",
  });

/** A policy file as written (validated shape). */
export type PolicyFile = z.output<typeof policyFileSchema>;
/** One rule of a policy file. */
export type PolicyFileRule = z.output<typeof policyRuleSchema>;

/** The published JSON Schema of policy files (docs/policy-file.schema.json). */
export function policyFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policyFileSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}

/** docs/policy-file.schema.json as committed: the JSON Schema, two-space indented, newline at the end. */
export function renderPolicyFileJsonSchema(): string {
  return `${JSON.stringify(policyFileJsonSchema(), null, 2)}\n`;
}
