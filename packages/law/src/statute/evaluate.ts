/**
 * @module statute/evaluate — runs the statute rules for one conviction and returns remedy + trace.
 *
 * Three-valued first-match: within a stage, the first rule whose condition is true decides; every rule
 * before it whose condition was unknown adds its own outcome as a possibility. If the possibilities
 * lead to one remedy, that is the answer (the missing fact did not matter); otherwise the answer is
 * `needs-review`, naming the missing facts and the remedies they leave open.
 */
import type { Count, LocalDate, Person, Tri } from "@clearance/core";
import { PREDICATES } from "./predicates.ts";
import { STATUTE_RULES } from "./rules.ts";
import type {
  StatuteCondition,
  StatuteContext,
  StatuteMissingFact,
  StatutePredicateResult,
  StatuteReason,
  StatuteRemedy,
  StatuteResult,
  StatuteRule,
  StatuteStage,
  StatuteTraceEntry,
  StatuteTreatment,
} from "./types.ts";

/** Order of favourability, least favourable first (used for `possible` and for comparing results). */
export const REMEDY_RANK: Readonly<Record<StatuteRemedy, number>> = {
  "not-applicable": -1,
  "no-relief": 0,
  "needs-review": 0.5,
  "redesignate-misdemeanor": 1,
  "recall-and-resentence": 1.5,
  "redesignate-infraction": 2,
  "dismiss-and-seal": 3,
};

/** Canonical order of missing facts in results. */
const MISSING_ORDER: readonly StatuteMissingFact[] = [
  "code",
  "conviction-date",
  "subsection",
  "age-at-offence",
  "quantity",
  "level",
  "prior-conviction-date",
  "prior-offence-details",
  "pc290-conviction-date",
  "sentence-status",
];

/**
 * The least favourable remedy a result can come to: the remedy itself, or for `needs-review` the
 * least favourable of the remedies left open. An office policy granting less than this is worth a flag
 * (the court presumes eligibility, H&S 11361.8(b), (f)).
 */
export function statuteFloor(result: StatuteResult): StatuteRemedy {
  if (result.remedy !== "needs-review" || !result.possible || result.possible.length === 0)
    return result.remedy;
  return result.possible[0]!;
}

interface Candidate {
  readonly rule: StatuteRule;
  readonly missing: readonly StatuteMissingFact[];
}

/** A condition compiled to a function: its three-valued (Kleene) answer and the facts predicates used. */
type Compiled = (ctx: StatuteContext) => StatutePredicateResult;

const ALWAYS: StatutePredicateResult = Object.freeze({ value: true });

/**
 * Compiles a condition once: the predicate looked up and the shape of the condition decided at load
 * instead of at every evaluation (the rules run for every relevant conviction of a bulk run).
 */
function compile(c: StatuteCondition): Compiled {
  if ("always" in c) return () => ALWAYS;
  if ("p" in c) {
    const predicate = PREDICATES[c.p];
    const arg = c.arg;
    return (ctx) => predicate.evaluate(ctx, arg);
  }
  if ("not" in c) {
    const inner = compile(c.not);
    return (ctx) => {
      const r = inner(ctx);
      return { ...r, value: r.value === "unknown" ? "unknown" : !r.value };
    };
  }
  const isAll = "all" in c;
  const items = (isAll ? c.all : c.any).map(compile);
  return (ctx) => {
    let value: Tri = isAll;
    let missing: StatuteMissingFact[] | undefined;
    const facts: Record<string, unknown> = {};
    for (const item of items) {
      const r = item(ctx);
      if (r.facts) Object.assign(facts, r.facts);
      if (r.value === !isAll) return { value: !isAll, facts };
      if (r.value === "unknown") {
        value = "unknown";
        missing ??= [];
        for (const m of r.missing ?? []) if (!missing.includes(m)) missing.push(m);
      }
    }
    return value === "unknown" ? { value, missing: missing ?? [], facts } : { value, facts };
  };
}

/** The rules of each stage, in order, with their compiled conditions. */
const STAGE_RULES: ReadonlyMap<StatuteStage, readonly { rule: StatuteRule; test: Compiled }[]> = (() => {
  const m = new Map<StatuteStage, { rule: StatuteRule; test: Compiled }[]>();
  for (const rule of STATUTE_RULES) {
    const list = m.get(rule.stage) ?? [];
    list.push({ rule, test: compile(rule.condition) });
    m.set(rule.stage, list);
  }
  return m;
})();

function runStage(stage: StatuteStage, ctx: StatuteContext, trace: StatuteTraceEntry[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { rule, test } of STAGE_RULES.get(stage) ?? []) {
    const r = test(ctx);
    const outcome = r.value === true ? "fired" : r.value === false ? "not-fired" : "unknown";
    let hasFacts = false;
    for (const _ in r.facts) {
      hasFacts = true;
      break;
    }
    trace.push(
      hasFacts
        ? { ruleId: rule.id, citation: rule.citation, outcome, facts: r.facts! }
        : { ruleId: rule.id, citation: rule.citation, outcome },
    );
    if (r.value === true) {
      out.push({ rule, missing: [] });
      break;
    }
    if (r.value === "unknown") out.push({ rule, missing: r.missing ?? [] });
  }
  return out;
}

interface Outcome {
  readonly remedy: StatuteRemedy;
  readonly reason: StatuteReason;
  readonly citation: string;
  readonly basis?: string;
  readonly missing: readonly StatuteMissingFact[];
}

function merge(a: readonly StatuteMissingFact[], b: readonly StatuteMissingFact[]): StatuteMissingFact[] {
  return [...new Set([...a, ...b])];
}

function decide(outcomes: readonly Outcome[], trace: StatuteTraceEntry[]): StatuteResult {
  const first = outcomes[0];
  if (!first) {
    return {
      remedy: "needs-review",
      citation: "H&S 11361.8(a)",
      missingFacts: [],
      reasonCode: "missing-facts",
      trace,
    };
  }
  const remedies = [...new Set(outcomes.map((o) => o.remedy))];
  if (remedies.length === 1 && first.remedy !== "needs-review") {
    return {
      remedy: first.remedy,
      citation: first.citation,
      ...(first.basis ? { basis: first.basis } : {}),
      missingFacts: [],
      reasonCode: first.reason,
      trace,
    };
  }
  const missing = outcomes.reduce<StatuteMissingFact[]>((acc, o) => merge(acc, o.missing), []);
  missing.sort((x, y) => MISSING_ORDER.indexOf(x) - MISSING_ORDER.indexOf(y));
  const possible = remedies
    .filter((r) => r !== "needs-review")
    .sort((x, y) => REMEDY_RANK[x] - REMEDY_RANK[y]);
  const uncertain = outcomes.find((o) => o.missing.length > 0) ?? first;
  return {
    remedy: "needs-review",
    citation: uncertain.basis ?? uncertain.citation,
    missingFacts: missing,
    reasonCode: remedies.length === 1 ? first.reason : "missing-facts",
    ...(possible.length > 0 ? { possible } : {}),
    trace,
  };
}

const RELIEF: ReadonlySet<StatuteRemedy> = new Set([
  "dismiss-and-seal",
  "redesignate-misdemeanor",
  "redesignate-infraction",
]);

/**
 * What H&S 11361.8 provides for one conviction of a person, at `computeAt`.
 *
 * `count` must be one of `person`'s counts (other counts are identified by `id`). Non-Prop 64 counts
 * get `not-applicable`. The result names the main subsection, the substantive basis, the facts whose
 * absence leaves the remedy open, a stable reason code and the trace of every rule checked.
 * @example evaluateStatute(person, count, parseIsoDate("2026-01-01")!).remedy // "dismiss-and-seal"
 */
export function evaluateStatute(person: Person, count: Count, computeAt: LocalDate): StatuteResult {
  const trace: StatuteTraceEntry[] = [];
  const ctx: StatuteContext = { person, count, computeAt };

  for (const c of runStage("scope", ctx, trace)) {
    const o = c.rule.outcome;
    if (o.kind === "remedy") {
      return decide(
        [
          {
            remedy: o.remedy,
            reason: o.reason ?? "missing-facts",
            citation: c.rule.citation,
            missing: merge(c.missing, o.missing ?? []),
          },
        ],
        trace,
      );
    }
  }

  let offence = runStage("offence", ctx, trace);
  if (offence.length > 1) offence = offence.filter((c) => c.rule.outcome.kind === "treatment");

  const outcomes: Outcome[] = [];
  for (const oc of offence) {
    const o = oc.rule.outcome;
    if (o.kind !== "treatment") {
      outcomes.push({
        remedy: "needs-review",
        reason: "missing-facts",
        citation: oc.rule.citation,
        missing: oc.missing,
      });
      continue;
    }
    const treatment: StatuteTreatment = o.treatment;
    const basis = oc.rule.citation;
    for (const rc of runStage("remedy", { ...ctx, treatment }, trace)) {
      const ro = rc.rule.outcome;
      if (ro.kind !== "remedy") continue;
      const missing = merge(oc.missing, rc.missing);
      const reason = ro.reason ?? o.reason;
      if (!RELIEF.has(ro.remedy)) {
        const citation = treatment === "felony-retained" ? basis : rc.rule.citation;
        outcomes.push({ remedy: ro.remedy, reason, citation, basis, missing });
        continue;
      }
      const procedure = runStage("procedure", ctx, trace);
      for (const pc of procedure) {
        const po = pc.rule.outcome;
        const m = merge(missing, pc.missing);
        if (po.kind === "remedy")
          outcomes.push({ remedy: po.remedy, reason, citation: pc.rule.citation, basis, missing: m });
        else outcomes.push({ remedy: ro.remedy, reason, citation: rc.rule.citation, basis, missing: m });
      }
    }
  }
  return decide(outcomes, trace);
}
