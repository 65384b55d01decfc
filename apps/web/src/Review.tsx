/**
 * @module Review — the review queue: server-side pages, filters (determination, reason, section, flag,
 * review state, name), sortable columns, bulk accept of the filtered set.
 */
import { useCallback, useEffect, useState } from "react";
import { api, type Conviction } from "./api.ts";

interface Facets {
  determinations: string[];
  reasons: string[];
  sections: string[];
  flags: string[];
}
interface Page {
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  rows: Conviction[];
}
const FILTERS = ["determination", "reason", "section", "flag", "review", "name"] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;
const COLUMNS = [
  ["name", "Person"],
  ["section", "Section"],
  ["convictionDate", "Convicted"],
  ["determination", "Determination"],
] as const;

/** The query string of a convictions request: the filter's fields, then the extra parameters. */
function query(filter: Filter, extra: Record<string, string>): URLSearchParams {
  const q = new URLSearchParams(extra);
  for (const k of FILTERS) if (filter[k] !== undefined) q.set(k, filter[k]!);
  return q;
}

/** The review queue of a run. */
export function Review({ runId }: { runId: string }) {
  const [facets, setFacets] = useState<Facets | undefined>();
  const [filter, setFilter] = useState<Filter>({});
  const [sort, setSort] = useState("line");
  const [dir, setDir] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | undefined>();
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  /** The "accept all" step waiting for the user's yes: the filter and how many pending convictions match. */
  const [confirm, setConfirm] = useState<{ filter: Filter; count: string } | undefined>();

  useEffect(() => {
    api<Facets>(`/api/runs/${runId}/facets`).then(setFacets, (e: Error) => setError(e.message));
  }, [runId]);

  const load = useCallback(() => {
    api<Page>(
      `/api/runs/${runId}/convictions?${query(filter, { page: String(page), pageSize: "25", sort, dir })}`,
    ).then(setData, (e: Error) => setError(e.message));
  }, [runId, page, sort, dir, filter]);
  useEffect(load, [load]);

  const set = (k: keyof Filter, v: string) => {
    setPage(1);
    setConfirm(undefined);
    setFilter((f) => {
      const n = { ...f };
      if (v === "__all") delete n[k];
      else n[k] = v;
      return n;
    });
  };
  const select = (k: keyof Filter, label: string, values: string[]) => (
    <label>
      {label}
      <select name={k} value={filter[k] ?? "__all"} onChange={(e) => set(k, e.target.value)}>
        <option value="__all">all</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v === "" ? "(none)" : v}
          </option>
        ))}
      </select>
    </label>
  );
  const sortBy = (col: string) => {
    if (sort === col) setDir(dir === "asc" ? "desc" : "asc");
    else {
      setSort(col);
      setDir("asc");
    }
  };

  /** First step of "accept all": counts the pending convictions the server would accept, then asks. */
  async function askAcceptAll() {
    setMessage("");
    setError("");
    try {
      const p = await api<Page>(
        `/api/runs/${runId}/convictions?${query({ ...filter, review: "pending" }, { page: "1", pageSize: "1" })}`,
      );
      if (p.total === 0) setMessage("No pending conviction matches: nothing to accept.");
      else setConfirm({ filter, count: `${p.total.toLocaleString()}${p.totalCapped ? "+" : ""}` });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function acceptAll() {
    if (!confirm) return;
    setConfirm(undefined);
    try {
      const r = await api<{ accepted: number }>(`/api/runs/${runId}/accept`, {
        method: "POST",
        body: JSON.stringify({ filter: confirm.filter }),
      });
      setMessage(`Accepted ${r.accepted.toLocaleString()} pending conviction(s).`);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const pagesLabel = data?.totalCapped ? `${pages.toLocaleString()}+` : pages.toLocaleString();
  return (
    <section>
      <h1>Review queue</h1>
      {facets && (
        <div className="filters">
          {select("determination", "Determination", facets.determinations)}
          {select("reason", "Reason", facets.reasons)}
          {select("section", "Section", facets.sections)}
          {select("flag", "Flag", facets.flags)}
          {select("review", "Review", ["pending", "accepted", "overridden"])}
          <label>
            Name starts with
            <input
              name="name"
              value={filter.name ?? ""}
              onChange={(e) => set("name", e.target.value || "__all")}
            />
          </label>
        </div>
      )}
      <p className="meta">
        <span data-testid="total">
          {(data?.total ?? 0).toLocaleString()}
          {data?.totalCapped ? "+" : ""}
        </span>{" "}
        conviction(s) match.{" "}
        <button
          type="button"
          onClick={() => void askAcceptAll()}
          disabled={!data || data.total === 0 || confirm !== undefined}
        >
          Accept all matching
        </button>{" "}
        {message && <span role="status">{message}</span>}
      </p>
      {confirm && (
        <p className="warning" data-testid="accept-confirm">
          Accept {confirm.count} pending conviction(s) matching this filter as the rules decided them?{" "}
          <button type="button" onClick={() => void acceptAll()}>
            Accept {confirm.count}
          </button>{" "}
          <button type="button" className="link" onClick={() => setConfirm(undefined)}>
            Cancel
          </button>
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
      <table className="queue">
        <thead>
          <tr>
            <th>
              <button type="button" className="link" onClick={() => sortBy("line")}>
                Row {sort === "line" ? (dir === "asc" ? "▲" : "▼") : ""}
              </button>
            </th>
            {COLUMNS.map(([k, label]) => (
              <th key={k}>
                <button type="button" className="link" onClick={() => sortBy(k)}>
                  {label} {sort === k ? (dir === "asc" ? "▲" : "▼") : ""}
                </button>
              </th>
            ))}
            <th>Reason</th>
            <th>Flags</th>
            <th>Review</th>
          </tr>
        </thead>
        <tbody>
          {data?.rows.map((r) => (
            <tr key={r.key} data-testid="queue-row" data-key={r.key}>
              <td>
                {r.file}:{r.line}
              </td>
              <td>
                <a href={`#/runs/${runId}/people/${encodeURIComponent(r.personId)}`}>{r.name}</a>
              </td>
              <td>
                {r.codeSection} ({r.level})
              </td>
              <td>{r.convictionDate}</td>
              <td>{r.determination}</td>
              <td>{r.reason}</td>
              <td>{r.flags.join(", ")}</td>
              <td className={`review-${r.review}`}>{r.review}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="pager">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous
        </button>{" "}
        Page {page} of {pagesLabel}{" "}
        <button
          type="button"
          disabled={page >= pages && !data?.totalCapped}
          onClick={() => setPage(page + 1)}
        >
          Next
        </button>
      </p>
    </section>
  );
}
