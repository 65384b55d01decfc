/**
 * @module input-error — the error for input a user can fix (a run folder, the office profile, an
 * overrides file, a form or field map, the output folder, the date). Its message names the file and
 * the field; the CLI turns it into exit code 1, anything else is a bug.
 */

/** Input the user can fix; the message names the file and field and says what to do. */
export class DocumentInputError extends Error {}
