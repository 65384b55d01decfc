/**
 * @module policies/dismiss-all — the counterfactual "what if every Prop 64 conviction were dismissed"
 * (gogen-behaviour.md §4.5), used only by the summary figures.
 */
import type { Decision, Policy } from "./types.ts";

/** Every relevant conviction: Eligible for Dismissal / Dismiss all Prop 64 charges. */
export const dismissAllProp64Policy: Policy = {
  id: "dismiss-all-prop64",
  label: "Counterfactual: dismiss all Prop 64 convictions",
  decide(): Decision {
    return {
      determination: "Eligible for Dismissal",
      reason: "Dismiss all Prop 64 charges",
      trace: [{ rule: "counterfactual.dismiss-all", outcome: "fired", citation: "H&S 11361.8" }],
    };
  },
};

/** The same counterfactual including related charges (pilots report). */
export const dismissAllProp64AndRelatedPolicy: Policy = {
  id: "dismiss-all-prop64-and-related",
  label: "Counterfactual: dismiss all Prop 64 and related convictions",
  decide(): Decision {
    return {
      determination: "Eligible for Dismissal",
      reason: "Dismiss all Prop 64 and related charges",
      trace: [{ rule: "counterfactual.dismiss-all-related", outcome: "fired", citation: "H&S 11361.8" }],
    };
  },
};
