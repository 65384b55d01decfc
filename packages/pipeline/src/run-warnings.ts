/**
 * @module run-warnings — what a run tells the user about an input that did not stop it but probably is
 * not what was meant: a file with no data rows, or a county that matches none of a file's convictions.
 * Counties are compared exactly, as the original tool did (gogen-behaviour.md: field 48,
 * STP_ORI_CNTY_NAME), so a typing slip or lower case would otherwise decide nothing without a word.
 */

/**
 * The warning for a file without a single usable row: empty (or a header line only), or every row
 * rejected (often not a DOJ research file at all); undefined otherwise.
 */
export function noUsableRowsWarning(file: string, rowsRead: number, rowsRejected = 0): string | undefined {
  if (rowsRead === 0)
    return `${file}: no data rows (the file is empty or holds only a header line), so nothing was decided.`;
  if (rowsRejected === rowsRead)
    return (
      `${file}: every one of its ${rowsRead.toLocaleString("en-US")} rows was rejected (see rejects.csv), ` +
      "so nothing was decided. Is it a DOJ research file (95 columns, comma-separated)?"
    );
  return undefined;
}

/** How many of the file's counties the warning names. */
const NAMED = 5;

/**
 * The warning for one file: when none of its convictions is in `county`, or when some are but others are
 * in the same county written differently (`SACRAMENTO ` with a trailing space, `Sacramento`), which the
 * exact comparison leaves undecided; undefined otherwise (or when the file has no conviction).
 * `byCounty` holds the file's convictions by county as written.
 */
export function countyWarning(
  file: string,
  county: string,
  byCounty: ReadonlyMap<string, number>,
): string | undefined {
  let total = 0;
  for (const n of byCounty.values()) total += n;
  const seen = [...byCounty].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const fold = (s: string) => s.trim().replace(/\s+/g, " ").toUpperCase();
  if (total === 0) return undefined;
  if ((byCounty.get(county) ?? 0) > 0) {
    // Some convictions are in the county; others written the same but for case or spaces were left out.
    const variants = seen.filter(([c]) => c !== county && fold(c) === fold(county));
    if (variants.length === 0) return undefined;
    const left = variants.reduce((a, [, n]) => a + n, 0);
    return (
      `${file}: ${left.toLocaleString("en-US")} of its convictions ${left === 1 ? "is" : "are"} in county ` +
      `${variants.map(([c, n]) => `${JSON.stringify(c)} (${n.toLocaleString("en-US")})`).join(", ")}, ` +
      `written unlike "${county}" only in case or spaces; counties are compared exactly, as the original tool did, ` +
      "so they were not decided. Correct the file, or run again for that spelling."
    );
  }
  const near = seen.find(([c]) => fold(c) === fold(county));
  const named = seen
    .slice(0, NAMED)
    .map(([c, n]) => `"${c}" (${n.toLocaleString("en-US")})`)
    .join(", ");
  const more = seen.length > NAMED ? ` and ${seen.length - NAMED} more` : "";
  return (
    `${file}: none of its ${total.toLocaleString("en-US")} convictions is in county "${county}" ` +
    "(counties are compared exactly, as the original tool did), so none was decided. " +
    (near ? `Did you mean "${near[0]}"? ` : "") +
    `Counties of its convictions: ${named}${more}.`
  );
}
