/**
 * @module RapSheet — rap sheet mode: upload one client's sheet (text or PDF), see each conviction with
 * its outcome, reason and remedy. Nothing is kept on the server after the answer.
 */
import { useState } from "react";
import { ApiError, token } from "./api.ts";

interface SheetConviction {
  date: string | null;
  caseNumber: string | null;
  courthouse: string | null;
  codeSection: string | null;
  description: string | null;
  severity: string | null;
  outcome: string | null;
  determination: string | null;
  remedy: string | null;
  citation: string | null;
  reason: string | null;
  line: number;
}
interface SheetReport {
  source: { file: string; format: string };
  computeAt: string;
  policy: string | null;
  evaluation: { note: string };
  person: { cii: string | null; names: Record<string, string>; dob: string | null };
  summary: { convictions: number; prop64Convictions: number; alreadyRelieved: number };
  convictions: SheetConviction[];
  diagnostics: { severity: string; code: string; line: number; page?: number; message: string }[];
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The rap sheet page. */
export function RapSheet() {
  const [file, setFile] = useState<File | undefined>();
  const [policy, setPolicy] = useState("los-angeles");
  const [computeAt, setComputeAt] = useState(today());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [report, setReport] = useState<SheetReport | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(ev: React.FormEvent) {
    ev.preventDefault();
    if (!file) {
      setErrors({ file: "Choose the rap sheet (text or PDF)." });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const q = new URLSearchParams({ name: file.name, policy, computeAt });
      const res = await fetch(`/api/rapsheet?${q}`, {
        method: "PUT",
        body: file,
        headers: { authorization: `Bearer ${token()}` },
      });
      const body = await res.json();
      if (!res.ok) throw new ApiError(res.status, body.error ?? "", body.errors ?? { file: body.error });
      setReport(body as SheetReport);
    } catch (e) {
      setErrors(e instanceof ApiError ? e.fields : { file: String(e) });
      setReport(undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>Rap sheet</h1>
      <form className="wizard" onSubmit={submit} noValidate>
        <fieldset>
          <legend>One client's CA rap sheet</legend>
          <input type="file" name="sheet" accept=".txt,.pdf" onChange={(e) => setFile(e.target.files?.[0])} />
          {errors.file && (
            <p className="field-error" role="alert" data-testid="error-file">
              {errors.file}
            </p>
          )}
          <label className="inline">
            Policy
            <select name="policy" value={policy} onChange={(e) => setPolicy(e.target.value)}>
              <option value="los-angeles">Los Angeles County criteria</option>
              <option value="bear-defaults">Office options (BEAR's defaults)</option>
              <option value="none">Statute only (no office policy)</option>
            </select>
          </label>
          <label className="inline">
            Compute at
            <input
              type="date"
              name="computeAt"
              value={computeAt}
              onChange={(e) => setComputeAt(e.target.value)}
            />
          </label>
          {errors.computeAt && (
            <p className="field-error" role="alert" data-testid="error-computeAt">
              {errors.computeAt}
            </p>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? "Reading…" : "Read the sheet"}
        </button>
      </form>
      {report && (
        <>
          <h2>
            {Object.values(report.person.names)[0] ?? "(no name)"} · CII {report.person.cii ?? "–"} · born{" "}
            {report.person.dob ?? "unknown"}
          </h2>
          <p className="meta">
            {report.summary.convictions} conviction(s), {report.summary.prop64Convictions} under H&S
            11357–11360, {report.summary.alreadyRelieved} already relieved · computed at {report.computeAt}.{" "}
            {report.evaluation.note}
          </p>
          {report.diagnostics.some((d) => d.severity !== "info") && (
            <div className="warning" role="alert" data-testid="sheet-diagnostics">
              <p>The sheet was not read cleanly; check these lines against the paper sheet:</p>
              <ul>
                {report.diagnostics
                  .filter((d) => d.severity !== "info")
                  .map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the diagnostics are a fixed, ordered list
                    <li key={i} data-testid="sheet-diagnostic">
                      {d.severity} · {d.page !== undefined ? `page ${d.page}` : `line ${d.line}`}: {d.message}
                    </li>
                  ))}
              </ul>
            </div>
          )}
          {report.convictions.length === 0 ? (
            <p className="warning" role="alert" data-testid="sheet-none">
              No conviction was found in this file: is it a CA rap sheet?
            </p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Case</th>
                  <th>Section</th>
                  <th>Level</th>
                  <th>Outcome</th>
                  <th>Determination</th>
                  <th>Remedy</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {report.convictions.map((c) => (
                  <tr key={c.line} data-testid="sheet-conviction">
                    <td>{c.date ?? "?"}</td>
                    <td>
                      {c.caseNumber ?? "–"} {c.courthouse ? `(${c.courthouse})` : ""}
                    </td>
                    <td>
                      {c.codeSection ?? "?"} {c.description ? `— ${c.description}` : ""}
                    </td>
                    <td>{c.severity ?? "?"}</td>
                    <td>{c.outcome ?? ""}</td>
                    <td>{c.determination ?? ""}</td>
                    <td>
                      {c.remedy ?? ""} {c.citation ? `(${c.citation})` : ""}
                    </td>
                    <td>{c.reason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
