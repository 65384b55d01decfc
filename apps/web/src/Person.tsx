/**
 * @module Person — one person in a run: every conviction with the rules' outcome and trace, the current
 * decision, the source rows, and an override form that requires a reason.
 */
import { useCallback, useEffect, useState } from "react";
import { ApiError, api, type ConvictionDetail, DETERMINATIONS } from "./api.ts";

interface PersonData {
  personId: string;
  name: string;
  dob: string;
  cii: string;
  convictions: ConvictionDetail[];
  sources: { key: string; file: string; line: number; text: string }[];
}

function OverrideForm({ runId, c, onSaved }: { runId: string; c: ConvictionDetail; onSaved: () => void }) {
  const [determination, setDetermination] = useState(c.determination || DETERMINATIONS[0]!);
  const [why, setWhy] = useState("");
  const [who, setWho] = useState(() => localStorage.getItem("clearance-reviewer") ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function save(ev: React.FormEvent) {
    ev.preventDefault();
    if (why.trim() === "") {
      setErrors({ why: "Give the reason for the override." });
      return;
    }
    try {
      await api(`/api/runs/${runId}/convictions/${encodeURIComponent(c.key)}/override`, {
        method: "POST",
        body: JSON.stringify({ determination, why, ...(who.trim() ? { who: who.trim() } : {}) }),
      });
      localStorage.setItem("clearance-reviewer", who.trim());
      setWhy("");
      setErrors({});
      onSaved();
    } catch (e) {
      setErrors(e instanceof ApiError ? { ...e.fields, form: e.message } : { form: String(e) });
    }
  }
  return (
    <form className="override" onSubmit={save} noValidate data-testid={`override-${c.key}`}>
      <label>
        New determination
        <select name="determination" value={determination} onChange={(e) => setDetermination(e.target.value)}>
          {DETERMINATIONS.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      <label>
        Reason (required)
        <input
          name="why"
          value={why}
          onChange={(e) => setWhy(e.target.value)}
          aria-invalid={Boolean(errors.why)}
        />
      </label>
      {errors.why && (
        <p className="field-error" role="alert" data-testid="error-why">
          {errors.why}
        </p>
      )}
      <label>
        Reviewer
        <input name="who" value={who} placeholder="your name" onChange={(e) => setWho(e.target.value)} />
      </label>
      <button type="submit">Override</button>
      {errors.form && (
        <p className="field-error" role="alert" data-testid="error-form">
          {errors.form}
        </p>
      )}
    </form>
  );
}

/** The person view. */
export function Person({ runId, personId }: { runId: string; personId: string }) {
  const [p, setP] = useState<PersonData | undefined>();
  const [error, setError] = useState("");
  const load = useCallback(() => {
    api<PersonData>(`/api/runs/${runId}/people/${encodeURIComponent(personId)}`).then(setP, (e: Error) =>
      setError(e.message),
    );
  }, [runId, personId]);
  useEffect(load, [load]);
  if (error) return <p className="error">{error}</p>;
  if (!p) return <p>Loading…</p>;
  return (
    <section>
      <p>
        <a href={`#/runs/${runId}/review`}>← Review queue</a>
      </p>
      <h1>{p.name}</h1>
      <p className="meta">
        Born {p.dob || "unknown"} · CII {p.cii || "–"} · {p.convictions.length} conviction(s) in this run
      </p>
      {p.convictions.map((c) => (
        <article key={c.key} className="conviction" data-testid={`conviction-${c.key}`}>
          <h2>
            {c.codeSection} · {c.level || "?"} · convicted {c.convictionDate || "(date unknown)"} · {c.county}
          </h2>
          <p>
            Case {c.caseNumbers.join(", ") || "–"} · {c.file} line {c.line}
            {c.flags.length > 0 && <> · flags: {c.flags.join(", ")}</>}
          </p>
          <table className="compact">
            <tbody>
              <tr>
                <th>Rules</th>
                <td>{c.ruleDetermination || "(none)"}</td>
                <td>{c.ruleReason}</td>
              </tr>
              <tr>
                <th>Current</th>
                <td data-testid="current-determination">{c.determination || "(none)"}</td>
                <td>
                  {c.reason} <span className={`review-${c.review}`}>({c.review})</span>
                </td>
              </tr>
              {c.statutoryRemedy && (
                <tr>
                  <th>Statute</th>
                  <td>{c.statutoryRemedy}</td>
                  <td>{c.statuteCitation}</td>
                </tr>
              )}
            </tbody>
          </table>
          <details>
            <summary>Reason trace ({c.trace.length} rules)</summary>
            <ol className="trace">
              {c.trace.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the trace is a fixed, ordered list
                <li key={`${t.rule}-${i}`}>
                  <code>{t.rule}</code>: {t.outcome} {t.citation && <em>({t.citation})</em>}
                </li>
              ))}
            </ol>
          </details>
          <details>
            <summary>Source row</summary>
            <pre className="source">
              {p.sources.find((s) => s.key === c.key)?.text ?? "(source file not available)"}
            </pre>
          </details>
          <OverrideForm runId={runId} c={c} onSaved={load} />
        </article>
      ))}
    </section>
  );
}
