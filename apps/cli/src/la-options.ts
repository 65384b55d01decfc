/**
 * @module la-options — `--la-age` and `--la-years`, the Los Angeles criteria options `run` and `rapsheet`
 * share: their help (from the pipeline's ranges) and their values, checked at the command line's edge.
 */
import type { LosAngelesOptions } from "@clearance/law";
import { ConfigError, LA_CRITERIA, laCriteriaProblem, laOptionsFromFlags } from "@clearance/pipeline";
import { ExitError } from "./boundary.ts";

const help = (what: string, c: { min: number; max: number; default: number }) =>
  `with --policy los-angeles: ${what}, a whole number from ${c.min} to ${c.max} (default ${c.default})`;

/** Help of `--la-age <n>`. */
export const LA_AGE_HELP = help("dismissal age", LA_CRITERIA.age);
/** Help of `--la-years <n>`. */
export const LA_YEARS_HELP = help("conviction-free years", LA_CRITERIA.yearsConvictionFree);

/**
 * The criteria as typed, checked, for the command's `--policy`: a bad value, or criteria given with another
 * policy or none, stops the command with exit 1 naming the option.
 */
export function laOptions(
  flags: { readonly laAge?: string | undefined; readonly laYears?: string | undefined },
  policy: string | undefined,
): Partial<LosAngelesOptions> {
  try {
    const la = laOptionsFromFlags(flags);
    const problem = laCriteriaProblem(policy, la);
    if (problem !== undefined) throw new ConfigError(problem);
    return la;
  } catch (e) {
    if (e instanceof ConfigError) throw new ExitError(1, e.message);
    throw e;
  }
}
