/**
 * @module App — hash routes: #/ (runs), #/new (wizard), #/runs/:id (progress or dashboard),
 * #/runs/:id/review, #/runs/:id/people/:personId, #/runs/:id/audit.
 */
import { useEffect, useState } from "react";
import { Audit } from "./Audit.tsx";
import { api, type Run } from "./api.ts";
import { Dashboard } from "./Dashboard.tsx";
import { Person } from "./Person.tsx";
import { RapSheet } from "./RapSheet.tsx";
import { Review } from "./Review.tsx";
import { Wizard } from "./Wizard.tsx";

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash || "#/");
  useEffect(() => {
    const on = () => setHash(window.location.hash || "#/");
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return hash;
}

/** Navigates to a hash route. */
export function go(route: string): void {
  window.location.hash = route;
}

function Runs() {
  const [runs, setRuns] = useState<Run[] | undefined>();
  const [error, setError] = useState("");
  useEffect(() => {
    api<Run[]>("/api/runs").then(setRuns, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p className="error">{error}</p>;
  if (!runs) return <p>Loading…</p>;
  return (
    <section>
      <h1>Runs</h1>
      <p>
        <a className="button" href="#/new">
          New run
        </a>
      </p>
      {runs.length === 0 ? (
        <p>No runs yet. Start one with “New run”.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Started</th>
              <th>County</th>
              <th>Files</th>
              <th>Compute at</th>
              <th>Status</th>
              <th>Convictions</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`#/runs/${r.id}`}>{new Date(r.createdAt).toLocaleString()}</a>
                </td>
                <td>{r.county}</td>
                <td>{r.inputs.map((i) => i.name).join(", ")}</td>
                <td>{r.computeAt}</td>
                <td>{r.status}</td>
                <td>{r.convictionCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The route's parts, decoded; undefined when the address is not valid percent-encoding. */
function routeParts(hash: string): string[] | undefined {
  try {
    return hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The application shell. */
export function App() {
  const hash = useHash();
  const parts = routeParts(hash) ?? ["not-found"];
  let page: React.ReactNode;
  if (parts[0] === "not-found")
    page = (
      <p className="error" role="alert" data-testid="not-found">
        Page not found.
      </p>
    );
  else if (parts[0] === "new") page = <Wizard />;
  else if (parts[0] === "rapsheet") page = <RapSheet />;
  else if (parts[0] === "runs" && parts[1]) {
    const id = parts[1];
    if (parts[2] === "review") page = <Review runId={id} />;
    else if (parts[2] === "audit") page = <Audit runId={id} />;
    else if (parts[2] === "people" && parts[3]) page = <Person runId={id} personId={parts[3]} />;
    else page = <Dashboard runId={id} />;
  } else page = <Runs />;
  const runId = parts[0] === "runs" ? parts[1] : undefined;
  return (
    <>
      <header>
        <a className="brand" href="#/">
          Clearance
        </a>
        <nav>
          <a href="#/">Runs</a>
          <a href="#/new">New run</a>
          <a href="#/rapsheet">Rap sheet</a>
          {runId && (
            <>
              <a href={`#/runs/${runId}`}>Dashboard</a>
              <a href={`#/runs/${runId}/review`}>Review</a>
              <a href={`#/runs/${runId}/audit`}>Audit log</a>
            </>
          )}
        </nav>
        <span className="local">Local only · 127.0.0.1</span>
      </header>
      {/* A new address is a new page: nothing of the previous run (its error, its log) is shown. */}
      <main key={hash}>{page}</main>
    </>
  );
}
