/**
 * @module Dashboard — live progress while a run works (SSE, cancel), then the summary figures (the run's
 * gogen.json, identical to the CLI), charts and exports.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  Tooltip,
} from "chart.js";
import { useEffect, useRef, useState } from "react";
import { api, type Charts, type Live, type Run, type Summary, withToken } from "./api.ts";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLORS: Record<string, string> = {
  "Eligible for Dismissal": "#2e7d32",
  "Eligible for Reduction": "#1565c0",
  "Not eligible": "#c62828",
  "Hand Review": "#ef6c00",
  "To be reviewed by City Attorneys": "#6a1b9a",
  "Maybe Eligible - Flag for Review": "#f9a825",
  "": "#9e9e9e",
};

function ChartBox({ config, label }: { config: ChartConfiguration; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart">
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}

/** The run's phase in words (the pipeline's phase codes; the server's own phases are already words). */
const PHASE_WORDS: Record<string, string> = {
  pass1: "reading (pass 1 of 2)",
  evaluate: "deciding",
  pass2: "deciding and writing (pass 2 of 2)",
};

function phaseWords(phase: string): string {
  return PHASE_WORDS[phase] ?? phase;
}

function Progress({ run, onDone }: { run: Run; onDone: () => void }) {
  const [live, setLive] = useState<Live | undefined>();
  const [error, setError] = useState("");
  useEffect(() => {
    const es = new EventSource(withToken(`/api/runs/${run.id}/events`));
    es.addEventListener("progress", (ev) => {
      const s = JSON.parse((ev as MessageEvent).data) as Live;
      setLive(s);
      if (s.status !== "running" && s.status !== "importing") {
        es.close();
        onDone();
      }
    });
    es.onerror = () => {
      es.close();
      onDone();
    };
    return () => es.close();
  }, [run.id, onDone]);
  const pct = live && live.bytesTotal > 0 ? Math.min(100, (100 * live.bytesDone) / live.bytesTotal) : 0;
  return (
    <section>
      <h1>Run in progress · {run.county}</h1>
      <progress max={100} value={pct} data-testid="progress" />
      <dl className="figures">
        <div>
          <dt>Phase</dt>
          <dd data-testid="phase">{phaseWords(live?.phase ?? "starting")}</dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd data-testid="rows">{(live?.rowsDone ?? 0).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Rows per second</dt>
          <dd>{(live?.rowsPerSecond ?? 0).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{live?.etaSeconds === undefined ? "estimating…" : `${live.etaSeconds} s`}</dd>
        </div>
      </dl>
      <button
        type="button"
        onClick={() =>
          api(`/api/runs/${run.id}/cancel`, { method: "POST", body: "{}" }).catch((e: Error) =>
            setError(e.message),
          )
        }
      >
        Cancel run
      </button>
      {error && <p className="error">{error}</p>}
    </section>
  );
}

function Fig({ id, label, value }: { id: string; label: string; value: number | string | undefined }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={`fig-${id}`}>{value ?? "–"}</dd>
    </div>
  );
}

function Headline({ s }: { s: Summary }) {
  return (
    <dl className="figures">
      <Fig id="lineCount" label="Rows read" value={s.lineCount} />
      <Fig
        id="subjectsWithProp64ConvictionCountInCounty"
        label="People with a Prop 64 conviction in the county"
        value={s.subjectsWithProp64ConvictionCountInCounty}
      />
      <Fig
        id="prop64FelonyConvictionsCountInCounty"
        label="Prop 64 felony convictions"
        value={s.prop64FelonyConvictionsCountInCounty}
      />
      <Fig
        id="prop64NonFelonyConvictionsCountInCounty"
        label="Prop 64 non-felony convictions"
        value={s.prop64NonFelonyConvictionsCountInCounty}
      />
      <Fig
        id="subjectsWithSomeReliefCount"
        label="People with some relief"
        value={s.subjectsWithSomeReliefCount}
      />
      <Fig
        id="earliestConviction"
        label="Earliest Prop 64 conviction"
        // With no Prop 64 conviction in the county the original writes the run's date here; say "none".
        value={
          s.subjectsWithProp64ConvictionCountInCounty === 0
            ? "none"
            : String(s.earliestConviction).slice(0, 10)
        }
      />
    </dl>
  );
}

function Figures({ s }: { s: Summary }) {
  const cur = s.reliefWithCurrentEligibilityChoices;
  const all = s.reliefWithDismissAllProp64;
  const entries = (o: Record<string, number> | undefined) => Object.entries(o ?? {});
  return (
    <div className="tables">
      <div>
        <h2>People fully relieved</h2>
        <table className="compact">
          <thead>
            <tr>
              <th />
              <th>Your policy</th>
              <th>If every Prop 64 conviction were dismissed</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["CountSubjectsNoConviction", "No conviction left"],
                ["CountSubjectsNoConvictionLast7Years", "No conviction in the last 7 years"],
                ["CountSubjectsNoFelony", "No felony left"],
              ] as const
            ).map(([k, label]) => (
              <tr key={k}>
                <td>{label}</td>
                <td data-testid={`fig-current-${k}`}>{cur?.[k]}</td>
                <td data-testid={`fig-dismissAll-${k}`}>{all?.[k]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h2>By code section and reason</h2>
        <table className="compact">
          <tbody>
            {entries(s.prop64ConvictionsCountInCountyByCodeSection).map(([k, v]) => (
              <tr key={`c${k}`}>
                <td>Prop 64 convictions, HS {k}</td>
                <td data-testid={`fig-bySection-${k}`}>{v}</td>
              </tr>
            ))}
            {entries(s.convictionDismissalCountByCodeSection).map(([k, v]) => (
              <tr key={`d${k}`}>
                <td>Dismissed: all HS {k}</td>
                <td data-testid={`fig-dismissal-${k}`}>{v}</td>
              </tr>
            ))}
            {entries(s.convictionReductionCountByCodeSection).map(([k, v]) => (
              <tr key={`r${k}`}>
                <td>Reduced: all HS {k}</td>
                <td data-testid={`fig-reduction-${k}`}>{v}</td>
              </tr>
            ))}
            {entries(s.convictionDismissalCountByAdditionalRelief).map(([k, v]) => (
              <tr key={`a${k}`}>
                <td>Dismissed: {k}</td>
                <td data-testid={`fig-additional-${k}`}>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function chartConfigs(
  c: Charts,
  s: Summary | undefined,
): { bySection: ChartConfiguration; relief: ChartConfiguration } {
  const sections = [...new Set(c.bySectionAndOutcome.map((r) => r.section))];
  const outcomes = [...new Set(c.bySectionAndOutcome.map((r) => r.determination))];
  const bySection: ChartConfiguration = {
    type: "bar",
    data: {
      labels: sections.map((x) => `HS ${x}`),
      datasets: outcomes.map((o) => ({
        label: o || "(no determination)",
        backgroundColor: COLORS[o] ?? "#607d8b",
        data: sections.map(
          (sec) => c.bySectionAndOutcome.find((r) => r.section === sec && r.determination === o)?.count ?? 0,
        ),
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      plugins: { legend: { position: "bottom" } },
    },
  };
  const keys = [
    "CountSubjectsNoConviction",
    "CountSubjectsNoConvictionLast7Years",
    "CountSubjectsNoFelony",
  ] as const;
  const relief: ChartConfiguration = {
    type: "bar",
    data: {
      labels: ["No conviction", "None in 7 years", "No felony"],
      datasets: [
        {
          label: "Your policy",
          backgroundColor: "#2e7d32",
          data: keys.map((k) => s?.reliefWithCurrentEligibilityChoices?.[k] ?? 0),
        },
        {
          label: "Dismiss all Prop 64",
          backgroundColor: "#90a4ae",
          data: keys.map((k) => s?.reliefWithDismissAllProp64?.[k] ?? 0),
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: "bottom" } },
    },
  };
  return { bySection, relief };
}

/** The run page: progress, then dashboard. */
export function Dashboard({ runId }: { runId: string }) {
  const [run, setRun] = useState<Run | undefined>();
  const [charts, setCharts] = useState<Charts | undefined>();
  const [error, setError] = useState("");
  const [tick, setTick] = useState(0);
  const [documents, setDocuments] = useState(false);
  useEffect(() => {
    api<{ documents: boolean }>("/api/config").then(
      (c) => setDocuments(c.documents),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    void tick;
    setError("");
    api<Run>(`/api/runs/${runId}`).then(
      (r) => {
        setRun(r);
        if (r.status === "done")
          api<Charts>(`/api/runs/${runId}/charts`).then(setCharts, (e: Error) => setError(e.message));
      },
      (e: Error) => setError(e.message),
    );
  }, [runId, tick]);
  const [configs, setConfigs] = useState<ReturnType<typeof chartConfigs> | undefined>();
  useEffect(() => {
    if (charts) setConfigs(chartConfigs(charts, run?.summary));
  }, [charts, run?.summary]);
  const [onDone] = useState(() => () => setTick((t) => t + 1));

  if (error) return <p className="error">{error}</p>;
  if (!run) return <p>Loading…</p>;
  if (run.status === "running" || run.status === "importing") return <Progress run={run} onDone={onDone} />;
  if (run.status !== "done") {
    return (
      <section>
        <h1>Run {run.status}</h1>
        <p className="error" data-testid="run-error">
          {run.error}
        </p>
        <a href="#/new">Start a new run</a>
      </section>
    );
  }
  const s = run.summary;
  return (
    <section className="dashboard">
      <h1>
        {run.county} · computed at {run.computeAt}
      </h1>
      <p className="meta">
        {run.inputs.map((i) => i.name).join(", ")} · policy: {run.policy.kind} · {run.convictionCount}{" "}
        convictions to review · {run.overrides ?? 0} overrides ·{" "}
        <a href={`#/runs/${run.id}/review`} data-testid="open-review">
          Open the review queue
        </a>
      </p>
      {(run.report?.warnings ?? []).map((w) => (
        <p className="warning" role="alert" data-testid="run-warning" key={w}>
          {w}
        </p>
      ))}
      {s && <Headline s={s} />}
      {charts && (
        <dl className="figures">
          <Fig id="felonies" label="Prop 64 felony convictions in the review" value={charts.felonies.total} />
          <Fig
            id="feloniesEliminated"
            label="Felonies eliminated (dismissed or reduced, after review)"
            value={charts.felonies.relieved}
          />
        </dl>
      )}
      {configs && (
        <div className="charts">
          <div>
            <h2>Convictions by section and outcome (after review)</h2>
            <ChartBox config={configs.bySection} label="Convictions by code section and outcome" />
          </div>
          <div>
            <h2>People fully relieved: your policy and the counterfactual</h2>
            <ChartBox
              config={configs.relief}
              label="People fully relieved under the policy and if all were dismissed"
            />
          </div>
        </div>
      )}
      {s && <Figures s={s} />}
      <h2>Exports</h2>
      <ul>
        <li>
          <a href={withToken(`/api/runs/${run.id}/export.zip`)} download data-testid="export-zip">
            CSV bundle (zip), with overrides applied
          </a>
        </li>
        <li>
          {documents ? (
            <a href={withToken(`/api/runs/${run.id}/documents.zip`)} download data-testid="documents-zip">
              Court documents and notices (zip of PDFs), with overrides applied
            </a>
          ) : (
            <span>
              Court documents: start the server with --office FILE (your office profile) to generate them.
            </span>
          )}
        </li>
        {(run.files ?? []).map((f) => (
          <li key={f}>
            <a href={withToken(`/api/runs/${run.id}/files/${encodeURIComponent(f)}`)} download>
              {f}
            </a>{" "}
            (as produced by the run)
          </li>
        ))}
      </ul>
    </section>
  );
}
