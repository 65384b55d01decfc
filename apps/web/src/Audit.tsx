/** @module Audit — the run's audit log: every start, override, bulk accept, export and cancel. */
import { useEffect, useState } from "react";
import { type AuditEvent, api } from "./api.ts";

function describe(e: AuditEvent): string {
  const d = e.detail as {
    key?: string;
    why?: string;
    count?: number;
    filter?: unknown;
    before?: { determination: string };
    after?: { determination: string };
  };
  switch (e.kind) {
    case "override":
      return `${d.key}: ${d.before?.determination || "(none)"} → ${d.after?.determination} — “${d.why}”`;
    case "bulk-accept":
      return `${d.count} conviction(s) accepted; filter ${JSON.stringify(d.filter)}`;
    default:
      return JSON.stringify(e.detail);
  }
}

/** The audit log of a run. */
export function Audit({ runId }: { runId: string }) {
  const [events, setEvents] = useState<AuditEvent[] | undefined>();
  const [error, setError] = useState("");
  useEffect(() => {
    setEvents(undefined);
    setError("");
    // The run is asked for first: the log of an unknown run is empty, the run itself is a 404 "No such run.".
    api(`/api/runs/${runId}`)
      .then(() => api<AuditEvent[]>(`/api/runs/${runId}/audit`))
      .then(setEvents, (e: Error) => setError(e.message));
  }, [runId]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!events) return <p>Loading…</p>;
  return (
    <section>
      <h1>Audit log</h1>
      <table className="audit">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-kind={e.kind}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>{e.who}</td>
              <td>{e.kind}</td>
              <td>{describe(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
