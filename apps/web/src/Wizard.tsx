/**
 * @module Wizard — a new run: county, DOJ files (streamed uploads), policy (BEAR's options form with its
 * defaults, the Los Angeles criteria, or a policy file) and the compute-at date. Problems show next to
 * their field, from the browser's own checks and from the server's.
 */
import { CA_COUNTIES } from "@clearance/core";
import { useEffect, useState } from "react";
import { go } from "./App.tsx";
import { ApiError, api, upload } from "./api.ts";

const COUNTIES = CA_COUNTIES;
const SECTIONS = ["11357", "11358", "11359", "11360"] as const;
type Choice = "dismiss" | "reduce" | "none";

interface Config {
  maxUploadBytes: number;
  user: string;
  defaults: {
    computeAt: string;
    gogen: {
      baselineEligibility: { dismiss: string[]; reduce: string[] };
      additionalRelief: Record<string, number | boolean>;
    };
  };
}

interface Uploaded {
  name: string;
  bytes: number;
  id?: string;
  error?: string;
}

/** A DOJ file in the list, with a stable key so that its upload's answer replaces the right entry. */
interface Listed extends Uploaded {
  key: number;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

let nextKey = 0;

function Err({ name, errors }: { name: string; errors: Record<string, string> }) {
  const e = errors[name];
  return e ? (
    <p className="field-error" role="alert" data-testid={`error-${name}`}>
      {e}
    </p>
  ) : null;
}

/** The new-run wizard. */
export function Wizard() {
  const [config, setConfig] = useState<Config | undefined>();
  const [county, setCounty] = useState("");
  const [files, setFiles] = useState<Listed[]>([]);
  const [kind, setKind] = useState<"gogen" | "los-angeles" | "statute" | "file">("gogen");
  const [sections, setSections] = useState<Record<string, Choice>>({});
  const [relief, setRelief] = useState<Record<string, number | boolean>>({});
  const [policyFile, setPolicyFile] = useState<Uploaded | undefined>();
  const [computeAt, setComputeAt] = useState(today());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const [loadError, setLoadError] = useState("");

  useEffect(() => {
    api<Config>("/api/config").then(
      (c) => {
        setConfig(c);
        const s: Record<string, Choice> = {};
        for (const k of SECTIONS) {
          s[k] = c.defaults.gogen.baselineEligibility.dismiss.includes(k)
            ? "dismiss"
            : c.defaults.gogen.baselineEligibility.reduce.includes(k)
              ? "reduce"
              : "none";
        }
        setSections(s);
        setRelief({ ...c.defaults.gogen.additionalRelief });
      },
      (e: Error) => setLoadError(e.message),
    );
  }, []);

  async function addFiles(list: FileList | null) {
    if (!list || !config) return;
    const chosen = [...list].map((f) => ({ f, key: ++nextKey }));
    setFiles((prev) => [...prev, ...chosen.map(({ f, key }) => ({ key, name: f.name, bytes: f.size }))]);
    // Each upload replaces its own entry (by key) when it ends; an entry removed meanwhile stays removed.
    await Promise.all(
      chosen.map(async ({ f, key }) => {
        let done: Listed;
        if (f.size > config.maxUploadBytes) {
          done = {
            key,
            name: f.name,
            bytes: f.size,
            error: `Larger than the limit of ${mb(config.maxUploadBytes)}.`,
          };
        } else {
          try {
            const u = await upload(f);
            done = { key, name: f.name, bytes: f.size, id: u.id };
          } catch (e) {
            done = { key, name: f.name, bytes: f.size, error: (e as Error).message };
          }
        }
        setFiles((prev) => prev.map((x) => (x.key === key ? done : x)));
      }),
    );
  }

  async function choosePolicyFile(list: FileList | null) {
    const f = list?.[0];
    if (!f) return;
    setPolicyFile({ name: f.name, bytes: f.size });
    try {
      const u = await upload(f);
      setPolicyFile({ name: f.name, bytes: f.size, id: u.id });
    } catch (e) {
      setPolicyFile({ name: f.name, bytes: f.size, error: (e as Error).message });
    }
  }

  function localErrors(): Record<string, string> {
    const e: Record<string, string> = {};
    if (county.trim() === "") e.county = "Choose the county.";
    if (files.length === 0) e.uploads = "Upload at least one DOJ file.";
    else if (files.some((f) => !f.id))
      e.uploads = "Wait for the uploads to finish, or remove the failed ones.";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(computeAt)) e.computeAt = "Enter a real date as YYYY-MM-DD.";
    if (kind === "file" && !policyFile?.id) e["policy.file"] = "Upload the policy file.";
    return e;
  }

  async function submit(ev: React.FormEvent) {
    ev.preventDefault();
    const local = localErrors();
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const policy =
      kind === "gogen"
        ? {
            kind,
            options: {
              baselineEligibility: {
                dismiss: SECTIONS.filter((s) => sections[s] === "dismiss"),
                reduce: SECTIONS.filter((s) => sections[s] === "reduce"),
              },
              additionalRelief: relief,
            },
          }
        : kind === "file"
          ? { kind, uploadId: policyFile?.id }
          : { kind };
    setBusy(true);
    try {
      const r = await api<{ id: string }>("/api/runs", {
        method: "POST",
        body: JSON.stringify({ county, uploadIds: files.map((f) => f.id), computeAt, policy }),
      });
      go(`/runs/${r.id}`);
    } catch (e) {
      setErrors(
        e instanceof ApiError && Object.keys(e.fields).length > 0 ? e.fields : { form: (e as Error).message },
      );
    } finally {
      setBusy(false);
    }
  }

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError}
      </p>
    );
  if (!config) return <p>Loading…</p>;
  const num = (k: string, label: string, hint: string) => (
    <label className="inline">
      {label}
      <input
        type="number"
        name={k}
        value={Number(relief[k] ?? 0)}
        onChange={(e) => setRelief({ ...relief, [k]: Number(e.target.value) })}
      />
      <small>{hint}</small>
      <Err name={`policy.${k}`} errors={errors} />
    </label>
  );
  const box = (k: string, label: string) => (
    <label className="inline check">
      <input
        type="checkbox"
        name={k}
        checked={Boolean(relief[k])}
        onChange={(e) => setRelief({ ...relief, [k]: e.target.checked })}
      />
      {label}
    </label>
  );

  return (
    <form className="wizard" onSubmit={submit} noValidate>
      <h1>New run</h1>
      <fieldset>
        <legend>1. County</legend>
        <input
          name="county"
          list="counties"
          value={county}
          placeholder="e.g. LOS ANGELES"
          onChange={(e) => setCounty(e.target.value.toUpperCase())}
          aria-invalid={Boolean(errors.county)}
        />
        <datalist id="counties">
          {COUNTIES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Err name="county" errors={errors} />
      </fieldset>

      <fieldset>
        <legend>2. DOJ research files</legend>
        <input
          type="file"
          name="files"
          multiple
          accept=".csv,.txt"
          onChange={(e) => void addFiles(e.target.files)}
        />
        <small>Up to {mb(config.maxUploadBytes)} each. Files stay on this computer.</small>
        <ul className="files">
          {files.map((f) => (
            <li key={f.key} data-testid="upload">
              {f.name} · {mb(f.bytes)} ·{" "}
              {f.error ? <span className="field-error">{f.error}</span> : f.id ? "uploaded" : "uploading…"}{" "}
              <button
                type="button"
                className="link"
                onClick={() => setFiles((prev) => prev.filter((x) => x.key !== f.key))}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
        <Err name="uploads" errors={errors} />
      </fieldset>

      <fieldset>
        <legend>3. Policy</legend>
        <label className="inline check">
          <input type="radio" name="kind" checked={kind === "gogen"} onChange={() => setKind("gogen")} />
          Office options (the original tool's form; BEAR's defaults)
        </label>
        <label className="inline check">
          <input
            type="radio"
            name="kind"
            checked={kind === "los-angeles"}
            onChange={() => setKind("los-angeles")}
          />
          Los Angeles County criteria
        </label>
        <label className="inline check">
          <input type="radio" name="kind" checked={kind === "file"} onChange={() => setKind("file")} />
          Policy file (options JSON)
        </label>
        <label
          className="inline check"
          title="The office adopts what H&S 11361.8 provides for each conviction"
        >
          <input type="radio" name="kind" checked={kind === "statute"} onChange={() => setKind("statute")} />
          Statute (H&amp;S 11361.8 remedy as the office decision)
        </label>
        <Err name="policy" errors={errors} />
        {kind === "gogen" && (
          <div className="options">
            <table>
              <thead>
                <tr>
                  <th>Felony conviction under</th>
                  <th>Dismiss</th>
                  <th>Reduce</th>
                  <th>Neither</th>
                </tr>
              </thead>
              <tbody>
                {SECTIONS.map((s) => (
                  <tr key={s}>
                    <td>HS {s}</td>
                    {(["dismiss", "reduce", "none"] as const).map((c) => (
                      <td key={c}>
                        <input
                          type="radio"
                          name={`section-${s}`}
                          aria-label={`${c} HS ${s}`}
                          checked={sections[s] === c}
                          onChange={() => setSections({ ...sections, [s]: c })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <Err name="policy.dismiss" errors={errors} />
            <Err name="policy.reduce" errors={errors} />
            <p>Also dismiss when:</p>
            {box("subjectUnder21AtConviction", "the person was under 21 at conviction")}
            {box("subjectHasOnlyProp64Charges", "the person has only Prop 64 convictions")}
            {box("subjectIsDeceased", "the person is deceased")}
            {num("subjectAgeThreshold", "Person is at least this old (0 = off)", "40–65, or 0")}
            {num(
              "yearsSinceConvictionThreshold",
              "Conviction is at least this many years old (0 = off)",
              "1–15, or 0",
            )}
            {num("yearsCrimeFreeThreshold", "No conviction in this many years (0 = off)", "1–15, or 0")}
          </div>
        )}
        {kind === "file" && (
          <div className="options">
            <input
              type="file"
              name="policyFile"
              accept=".json"
              onChange={(e) => void choosePolicyFile(e.target.files)}
            />
            {policyFile && (
              <p>
                {policyFile.name} · {policyFile.error ?? (policyFile.id ? "uploaded" : "uploading…")}
              </p>
            )}
            <Err name="policy.file" errors={errors} />
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>4. Compute eligibility as of</legend>
        <input
          type="date"
          name="computeAt"
          value={computeAt}
          onChange={(e) => setComputeAt(e.target.value)}
        />
        <small>BEAR always used {config.defaults.computeAt}.</small>
        <Err name="computeAt" errors={errors} />
      </fieldset>

      <Err name="form" errors={errors} />
      <button type="submit" disabled={busy}>
        {busy ? "Starting…" : "Start run"}
      </button>
    </form>
  );
}

/** Bytes as MB for labels. */
export function mb(n: number): string {
  return n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
