/**
 * API tests against a real server on 127.0.0.1 (free port), a real SQLite file and the real pipeline,
 * all in a temp folder.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBulk } from "@clearance/pipeline";
import { writeDojFile } from "@clearance/sources";
import { openStore } from "@clearance/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./index.ts";
import { readZip } from "./testing/zip-reader.ts";

const FIXTURES = fileURLToPath(new URL("../../../../shared/fixtures/gogen/", import.meta.url));
const INPUT = join(FIXTURES, "configurable_flow_input.csv");
const OPTIONS = JSON.parse(readFileSync(join(FIXTURES, "configurable_flow_options.json"), "utf8"));
const LIMIT = 64 * 1024;

let dir: string;
let server: RunningServer;

function api(path: string, init: RequestInit = {}, token: string | null = server.token): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  return fetch(`${server.origin}${path}`, { ...init, headers });
}

async function upload(
  body: Buffer | Uint8Array | string | ReadableStream<Uint8Array>,
  name = "in.csv",
): Promise<Response> {
  return api(`/api/uploads?name=${encodeURIComponent(name)}`, {
    method: "PUT",
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Uploads the fixture input and asks for a run of it with `policy`; returns the response. */
async function postFixtureRun(policy: unknown, county = "SACRAMENTO"): Promise<Response> {
  const up = (await (await upload(readFileSync(INPUT), "configurable_flow_input.csv")).json()) as {
    id: string;
  };
  return api("/api/runs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ county, uploadIds: [up.id], computeAt: "2019-11-11", policy }),
  });
}

const withoutTime = (s: Record<string, unknown>) => ({ ...s, processingTimeInSeconds: undefined });

async function waitForRun(id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const run = (await (await api(`/api/runs/${id}`)).json()) as Record<string, unknown>;
    if (run.status !== "running" && run.status !== "importing") return run;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clearance-server-"));
  server = await startServer({
    port: 0,
    dataDir: join(dir, "data"),
    maxUploadBytes: LIMIT,
    webDir: join(dir, "web"),
    officeProfile: fileURLToPath(new URL("../../../examples/office.json", import.meta.url)),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("token", () => {
  it("answers 401 without the token or with a wrong one, on every API route", async () => {
    for (const path of ["/api/runs", "/api/config", "/api/runs/00000000-0000-0000-0000-000000000000/audit"]) {
      expect((await api(path, {}, null)).status).toBe(401);
      expect((await api(path, {}, "wrong")).status).toBe(401);
      expect((await api(path, {}, `${server.token}x`)).status).toBe(401);
    }
    expect((await api("/api/uploads", { method: "PUT", body: "x" }, null)).status).toBe(401);
    expect((await fetch(`${server.origin}/api/runs?token=nope`)).status).toBe(401);
    const ok = await api("/api/runs");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([]);
    expect((await fetch(`${server.origin}/api/runs?token=${server.token}`)).status).toBe(200);
  });

  it("binds to 127.0.0.1, prints the token in the URL and sends a strict CSP", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const res = await api("/api/runs");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const page = await fetch(`${server.origin}/`);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.status).toBe(503); // this server has no built web app
    expect(await page.text()).toMatch(/vite build/);
  });
});

describe("uploads", () => {
  const uploadsDir = () => join(dir, "data", "uploads");

  it("streams an upload to disk", async () => {
    const res = await upload(readFileSync(INPUT), "sample.csv");
    expect(res.status).toBe(201);
    const { id, bytes } = (await res.json()) as { id: string; bytes: number };
    expect(bytes).toBe(readFileSync(INPUT).length);
    expect(readFileSync(join(uploadsDir(), `${id}.csv`)).equals(readFileSync(INPUT))).toBe(true);
  });

  it("refuses an oversize upload with a clear message and leaves nothing behind", async () => {
    const before = readdirSync(uploadsDir()).sort();
    // Declared length over the limit: refused before reading.
    const declared = await upload(Buffer.alloc(LIMIT + 1, 65));
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(
      /larger than the upload limit of 64 KB/,
    );
    // Streamed without a length: refused when the limit is crossed, the part file removed.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent >= LIMIT * 3) return ctrl.close();
        sent += 16 * 1024;
        ctrl.enqueue(new Uint8Array(16 * 1024).fill(66));
      },
    });
    const chunked = await upload(stream);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: string }).error).toMatch(/Nothing was saved/);
    expect(readdirSync(uploadsDir()).sort()).toEqual(before);
    expect(readdirSync(uploadsDir()).some((f) => f.endsWith(".part"))).toBe(false);
  });

  it("refuses an empty upload", async () => {
    const res = await upload(new Uint8Array(0));
    expect(res.status).toBe(400);
  });
});

describe("runs", () => {
  let runId: string;

  it("validates the wizard's fields and names each problem's field", async () => {
    const res = await api("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        county: "",
        uploadIds: [],
        computeAt: "2019-02-30",
        policy: { kind: "gogen", options: { additionalRelief: { subjectAgeThreshold: 30 } } },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({
      county: "Choose the county.",
      uploads: "Upload at least one DOJ file.",
      computeAt: "Enter a real date as YYYY-MM-DD.",
      "policy.subjectAgeThreshold": "SubjectAgeThreshold should be between 40 and 65, or 0",
    });
  });

  it("runs the pipeline and reports the same summary as runBulk on the same input", async () => {
    const res = await postFixtureRun({ kind: "gogen", options: OPTIONS }, "sacramento");
    expect(res.status).toBe(201);
    runId = ((await res.json()) as { id: string }).id;
    const run = await waitForRun(runId);
    expect(run.status).toBe("done");
    const direct = await runBulk({
      inputs: [INPUT],
      county: "SACRAMENTO",
      policy: join(FIXTURES, "configurable_flow_options.json"),
      computeAt: "2019-11-11",
      outDir: join(dir, "direct"),
    });
    expect(withoutTime(run.summary as Record<string, unknown>)).toEqual(withoutTime(direct.summary));
    expect((run.summary as { lineCount: number }).lineCount).toBe(38);
    expect(run.convictionCount).toBeGreaterThan(0);
  });

  it("runs with the statute as the office policy", async () => {
    const res = await postFixtureRun({ kind: "statute" });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const run = await waitForRun(id);
    expect(run.status).toBe("done");
    const direct = await runBulk({
      inputs: [INPUT],
      county: "SACRAMENTO",
      policy: "statute",
      computeAt: "2019-11-11",
      outDir: join(dir, "direct-statute"),
    });
    expect(withoutTime(run.summary as Record<string, unknown>)).toEqual(withoutTime(direct.summary));
  });

  it("keeps the run's warnings: none for the county of the file, one naming the counties found for a county with no conviction", async () => {
    const ids: string[] = [];
    for (const county of ["SACRAMENTO", "KERN"]) {
      const res = await postFixtureRun({ kind: "statute" }, county);
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const [good, slip] = await Promise.all(ids.map(waitForRun));
    expect(good!.status).toBe("done");
    expect((good!.report as { warnings: string[] }).warnings).toEqual([]);
    expect(slip!.status).toBe("done");
    const warnings = (slip!.report as { warnings: string[] }).warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^configurable_flow_input\.csv: none of its \d+ convictions is in county "KERN" .*Counties of its convictions: "SACRAMENTO"/,
    );
  });

  it("accepts a clearance-policy/1 file and lists every problem of a bad one", async () => {
    const policyText = readFileSync(
      fileURLToPath(new URL("../../../examples/policies/example-county.policy.json", import.meta.url)),
    );
    const good = (await (await upload(policyText, "county.policy.json")).json()) as { id: string };
    const post = (uploadId: string) => postFixtureRun({ kind: "file", uploadId });
    const ok = await post(good.id);
    expect(ok.status).toBe(201);
    expect((await waitForRun(((await ok.json()) as { id: string }).id)).status).toBe("done");
    const bad = (await (
      await upload(
        Buffer.from(
          JSON.stringify({ format: "clearance-policy/1", id: "x", rules: [{ id: "a", when: { age: 3 } }] }),
        ),
        "bad.policy.json",
      )
    ).json()) as { id: string };
    const refused = await post(bad.id);
    expect(refused.status).toBe(400);
    const message = ((await refused.json()) as { errors: Record<string, string> }).errors["policy.file"]!;
    expect(message).toContain("rules[0]");
  });

  it("names an options file by its upload name in the run's warnings, and lists every problem of a bad one", async () => {
    const slip = { ...OPTIONS, baselineEligibilty: OPTIONS.baselineEligibility };
    const up = (await (await upload(Buffer.from(JSON.stringify(slip)), "office-options.json")).json()) as {
      id: string;
    };
    const res = await postFixtureRun({ kind: "file", uploadId: up.id });
    const run = await waitForRun(((await res.json()) as { id: string }).id);
    expect(run.status).toBe("done");
    const warnings = (run.report as { warnings: string[] }).warnings;
    expect(warnings).toEqual([
      expect.stringMatching(/^policy office-options\.json: baselineEligibilty: not an option, ignored/),
    ]);
    expect(JSON.stringify(warnings)).not.toContain(join(dir, "data"));
    const bad = (await (
      await upload(
        Buffer.from(
          JSON.stringify({
            baselineEligibility: { dismiss: ["1"] },
            additionalRelief: { subjectAgeThreshold: 3 },
          }),
        ),
        "bad-options.json",
      )
    ).json()) as { id: string };
    const refused = await postFixtureRun({ kind: "file", uploadId: bad.id });
    expect(refused.status).toBe(400);
    const message = ((await refused.json()) as { errors: Record<string, string> }).errors["policy.file"]!;
    expect(message).toContain("dismiss must list only");
    expect(message).toContain("SubjectAgeThreshold should be between 40 and 65");
  });

  it("keeps download ids inside the run folder", async () => {
    const ok = await api(`/api/runs/${runId}/files/gogen.json`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { lineCount: number }).lineCount).toBe(38);
    const audit = (await (await api(`/api/runs/${runId}/audit`)).json()) as {
      kind: string;
      detail: object;
    }[];
    expect(audit.at(-1)).toMatchObject({ kind: "export", detail: { kind: "file", name: "gogen.json" } });
    // In the folder, but not one of the bundle's files the dashboard lists.
    expect(existsSync(join(dir, "data", "runs", runId, "results.ndjson"))).toBe(true);
    expect((await api(`/api/runs/${runId}/files/results.ndjson`)).status).toBe(404);
    const attempts = [
      `/api/runs/${runId}/files/..%2F..%2Fclearance.sqlite`,
      `/api/runs/${runId}/files/%2e%2e%2f%2e%2e%2fclearance.sqlite`,
      `/api/runs/${runId}/files/..%5C..%5Cclearance.sqlite`,
      `/api/runs/${runId}/files/.`,
      `/api/runs/${runId}/files/%2Fetc%2Fpasswd`,
      `/api/runs/..%2F..%2Fclearance.sqlite/files/gogen.json`,
      `/api/runs/..%2F..%2Fuploads/export.zip`,
      `/api/runs/${runId}/../../clearance.sqlite`,
    ];
    for (const path of attempts) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      expect((await res.arrayBuffer()).byteLength, path).toBeLessThan(200);
    }
    // Static files cannot escape the web folder either.
    const stat = await fetch(`${server.origin}/..%2F..%2Fdata%2Fclearance.sqlite`);
    expect(stat.status).toBe(503);
  });

  it("overrides a conviction, exports the bundle with it, and audits it", async () => {
    const page = (await (await api(`/api/runs/${runId}/convictions?pageSize=5`)).json()) as {
      total: number;
      rows: { key: string; determination: string; rowIndex: number }[];
    };
    expect(page.total).toBeGreaterThan(5);
    const target = page.rows.find((r) => r.determination === "Eligible for Dismissal")!;
    const missingWhy = await api(`/api/runs/${runId}/convictions/${target.key}/override`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ determination: "Not eligible", why: " " }),
    });
    expect(missingWhy.status).toBe(400);
    const ov = await api(`/api/runs/${runId}/convictions/${target.key}/override`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        determination: "Not eligible",
        why: "=Prior super strike found in court file",
        who: "amy",
      }),
    });
    expect(ov.status).toBe(200);

    const zipRes = await api(`/api/runs/${runId}/export.zip`);
    expect(zipRes.headers.get("content-type")).toBe("application/zip");
    const zip = readZip(Buffer.from(await zipRes.arrayBuffer()));
    expect([...zip.keys()].sort()).toEqual(
      expect.arrayContaining([
        "All_Results.csv",
        "All_Results_Condensed.csv",
        "Prop64_Results.csv",
        "gogen.json",
        "overrides.csv",
      ]),
    );
    const original = readFileSync(join(dir, "direct", "All_Results.csv"), "utf8").split("\n");
    const exported = zip.get("All_Results.csv")!.toString("utf8").split("\n");
    expect(exported.length).toBe(original.length);
    const changed = exported.flatMap((l, i) => (l !== original[i] ? [i] : []));
    expect(changed).toEqual([target.rowIndex + 1]);
    expect(exported[target.rowIndex + 1]).toMatch(
      /,Not eligible,Reviewer override: =Prior super strike found in court file$/,
    );
    // The reviewer's own words are neutralised for spreadsheets in the overrides list.
    expect(zip.get("overrides.csv")!.toString("utf8")).toContain(",amy,");
    expect(zip.get("overrides.csv")!.toString("utf8")).toMatch(
      /,'=Prior super strike found in court file\n$/,
    );
    const prop64 = zip.get("Prop64_Results.csv")!.toString("utf8");
    expect(prop64.match(/,Not eligible,/g)).toHaveLength(1);
    const condensed = zip.get("All_Results_Condensed.csv")!.toString("utf8").split("\n");
    expect(condensed[target.rowIndex + 1]).toMatch(/,Not eligible,/);

    const audit = (await (await api(`/api/runs/${runId}/audit`)).json()) as { kind: string; who: string }[];
    // (the file downloaded by the test before this one is audited too)
    expect(audit.map((e) => e.kind)).toEqual(["run-started", "run-finished", "export", "override", "export"]);
    expect(audit[4]).toMatchObject({ detail: { kind: "csv-bundle", overrides: 1 } });
    expect(audit[3]?.who).toBe("amy");
  });

  it("generates the documents with the override applied", async () => {
    const res = await api(`/api/runs/${runId}/documents.zip`);
    expect(res.status, res.status === 200 ? "" : await res.text()).toBe(200);
    const zip = readZip(Buffer.from(await res.arrayBuffer()));
    const manifest = JSON.parse(zip.get("documents.json")!.toString("utf8")) as {
      overridesApplied: number;
      documents: { file: string }[];
    };
    expect(manifest.overridesApplied).toBe(1);
    expect(manifest.documents.length).toBeGreaterThan(0);
    for (const d of manifest.documents) expect(zip.has(d.file), d.file).toBe(true);
    expect([...zip.keys()].some((k) => k.endsWith(".pdf"))).toBe(true);
    // the generated folder is removed once the zip has been sent
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(join(dir, "data", "documents"))).toEqual([]);
  });

  it("refuses documents for a run of another county than the office profile's, leaving nothing behind", async () => {
    const res = await postFixtureRun({ kind: "gogen", options: OPTIONS }, "KERN");
    const kern = ((await res.json()) as { id: string }).id;
    expect((await waitForRun(kern)).status).toBe("done");
    const docs = await api(`/api/runs/${kern}/documents.zip`);
    expect(docs.status).toBe(409);
    expect(((await docs.json()) as { error: string }).error).toMatch(/Sacramento/i);
    expect(readdirSync(join(dir, "data", "documents"))).toEqual([]);
  });

  it("bulk-accepts a filtered set and reports it in the audit log", async () => {
    const res = await api(`/api/runs/${runId}/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ filter: { determination: "Eligible for Reduction" } }),
    });
    const { accepted } = (await res.json()) as { accepted: number };
    const page = (await (await api(`/api/runs/${runId}/convictions?review=accepted`)).json()) as {
      total: number;
    };
    expect(page.total).toBe(accepted);
    expect(accepted).toBeGreaterThan(0);
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    api(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const acceptedCount = async () =>
    ((await (await api(`/api/runs/${runId}/convictions?review=accepted`)).json()) as { total: number }).total;

  it("refuses a bulk accept whose filter is misspelt or has a bad value, and accepts nothing", async () => {
    const before = await acceptedCount();
    const cases: [unknown, string][] = [
      [{ sectoin: "11357" }, "filter.sectoin"],
      [{ review: "bogus" }, "filter.review"],
      [{ name: 5 }, "filter.name"],
      [{ determination: { a: 1 } }, "filter.determination"],
      ["everything", "filter"],
    ];
    for (const [filter, field] of cases) {
      const res = await post(`/api/runs/${runId}/accept`, JSON.stringify({ filter }));
      expect(res.status, JSON.stringify(filter)).toBe(400);
      const body = (await res.json()) as { error: string; errors: Record<string, string> };
      expect(Object.keys(body.errors), JSON.stringify(filter)).toEqual([field]);
      expect(body.error).toBe(body.errors[field]);
    }
    expect(await acceptedCount()).toBe(before);
  });

  it("takes only the outcome vocabulary as an override's determination, and a reason of sane length", async () => {
    const page = (await (await api(`/api/runs/${runId}/convictions?pageSize=1&review=pending`)).json()) as {
      rows: { key: string; determination: string }[];
    };
    const key = page.rows[0]!.key;
    for (const [body, field] of [
      [{ determination: '=HYPERLINK("http://x")', why: "x" }, "determination"],
      [{ determination: "", why: "x" }, "determination"],
      [{ determination: "Dismissed", why: "x" }, "determination"],
      [{ determination: "Not eligible", why: "x".repeat(2001) }, "why"],
      [{ determination: "Not eligible", why: "x", reason: 7 }, "reason"],
    ] as const) {
      const res = await post(`/api/runs/${runId}/convictions/${key}/override`, JSON.stringify(body));
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(((await res.json()) as { errors: object }).errors)).toEqual([field]);
    }
    const person = (await (await api(`/api/runs/${runId}/convictions?pageSize=1&review=pending`)).json()) as {
      rows: { key: string; determination: string }[];
    };
    expect(person.rows[0]).toMatchObject({ key, determination: page.rows[0]!.determination });
  });

  it("answers 400, not 500, to a body that is not a JSON object, on every route that reads one", async () => {
    for (const path of [
      "/api/runs",
      `/api/runs/${runId}/accept`,
      `/api/runs/${runId}/cancel`,
      `/api/runs/${runId}/convictions/1:2/override`,
    ]) {
      for (const body of ["null", "[]", "7", '"x"', "{not json"]) {
        const res = await post(path, body);
        expect(res.status, `${path} ${body}`).toBe(400);
        expect(((await res.json()) as { errors: { form: string } }).errors.form).toMatch(/JSON/);
      }
    }
  });

  it("checks the review queue's page, size, sort and review state", async () => {
    for (const [q, field] of [
      ["page=1e20", "page"],
      ["page=Infinity", "page"],
      ["page=0", "page"],
      ["page=-1", "page"],
      ["pageSize=abc", "pageSize"],
      ["pageSize=501", "pageSize"],
      ["sort=zz", "sort"],
      ["dir=up", "dir"],
      ["review=bogus", "review"],
    ]) {
      const res = await api(`/api/runs/${runId}/convictions?${q}`);
      expect(res.status, q).toBe(400);
      expect(Object.keys(((await res.json()) as { errors: object }).errors), q).toEqual([field]);
    }
    const past = await api(`/api/runs/${runId}/convictions?page=1000000000`);
    expect(past.status).toBe(200);
    expect(((await past.json()) as { rows: unknown[] }).rows).toEqual([]);
  });

  it("refuses a JSON body over 1 MB, one not sent as JSON, and one from another site's page", async () => {
    const big = await post("/api/runs", JSON.stringify({ county: "x".repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/1 MB/);
    const accept = JSON.stringify({ filter: { review: "pending" } });
    const before = await acceptedCount();
    const plain = await post(`/api/runs/${runId}/accept`, accept, { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    const foreign = await post(`/api/runs/${runId}/accept`, accept, { origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    const sandboxed = await post(`/api/runs/${runId}/accept`, accept, { origin: "null" });
    expect(sandboxed.status).toBe(403);
    expect(await acceptedCount()).toBe(before);
    // The server's own page may (its Origin is the server's address).
    const own = await post(`/api/runs/${runId}/accept`, JSON.stringify({ filter: { name: "ZZZZ" } }), {
      origin: server.origin,
    });
    expect(own.status).toBe(200);
  });

  it("shows a person's convictions with trace and source rows", async () => {
    const page = (await (await api(`/api/runs/${runId}/convictions?pageSize=1`)).json()) as {
      rows: { personId: string; line: number }[];
    };
    const p = page.rows[0]!;
    const person = (await (
      await api(`/api/runs/${runId}/people/${encodeURIComponent(p.personId)}`)
    ).json()) as {
      convictions: { trace: unknown[] }[];
      sources: { line: number; text: string }[];
    };
    expect(person.convictions.length).toBeGreaterThan(0);
    expect(person.convictions[0]!.trace.length).toBeGreaterThan(0);
    const src = person.sources.find((s) => s.line === p.line)!;
    expect(src.text).toBe(readFileSync(INPUT, "utf8").split(/\r?\n/)[p.line - 1]);
  });

  it("leaves no upload part files and keeps the database in the data folder", () => {
    expect(existsSync(join(dir, "data", "clearance.sqlite"))).toBe(true);
  });
});

describe("rap sheet mode", () => {
  const SHEET = fileURLToPath(new URL("../../../examples/rapsheet/sample.txt", import.meta.url));

  it("reads one sheet and returns its convictions and outcomes, keeping no copy", async () => {
    const before = readdirSync(join(dir, "data", "uploads")).sort();
    const res = await api("/api/rapsheet?name=sample.txt&policy=los-angeles&computeAt=2024-01-15", {
      method: "PUT",
      body: readFileSync(SHEET),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      source: { file: string };
      convictions: { codeSection: string | null; determination: string | null; outcome: string | null }[];
      summary: { prop64Convictions: number };
    };
    expect(report.source.file).toBe("sample.txt");
    expect(report.convictions.length).toBeGreaterThan(0);
    expect(report.summary.prop64Convictions).toBeGreaterThan(0);
    expect(
      report.convictions.some(
        (c) => c.codeSection === "HS 11359" && c.determination === "Eligible for Dismissal",
      ),
    ).toBe(true);
    const after = readdirSync(join(dir, "data", "uploads")).filter((f) => f !== "bear-defaults.json");
    expect(after.sort()).toEqual(before);
  });

  it("reads a sheet saved as UTF-16 (Notepad's 'Unicode') like the same sheet in UTF-8", async () => {
    const read = async (body: Buffer) =>
      (await (
        await api("/api/rapsheet?name=s.txt&policy=los-angeles&computeAt=2024-01-15", { method: "PUT", body })
      ).json()) as { convictions: { codeSection: string | null; determination: string | null }[] };
    const utf8 = await read(readFileSync(SHEET));
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(readFileSync(SHEET, "utf8"), "utf16le"),
    ]);
    const fromUtf16 = await read(utf16);
    expect(fromUtf16.convictions.length).toBeGreaterThan(0);
    expect(fromUtf16.convictions).toEqual(utf8.convictions);
  });

  it("names the field of a bad request", async () => {
    const res = await api("/api/rapsheet?policy=los-angeles&computeAt=2024-02-30", {
      method: "PUT",
      body: readFileSync(SHEET),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({
      computeAt: "Enter a real compute-at date as YYYY-MM-DD.",
    });
    expect((await api("/api/rapsheet?policy=zz", { method: "PUT", body: "x" })).status).toBe(400);
  });
});

describe("restart after a kill", () => {
  it("marks the run the killed server left running interrupted, audits it and removes its unfinished files", async () => {
    const d = mkdtempSync(join(tmpdir(), "clearance-restart-"));
    try {
      const data = join(d, "data");
      const outDir = join(data, "runs", "r-killed");
      mkdirSync(outDir, { recursive: true });
      for (const f of ["All_Results.csv.partial", ".clearance-run.lock", "gogen.json"])
        writeFileSync(join(outDir, f), "x");
      // What a server killed mid-run leaves in its database: a run still "running".
      const before = openStore(join(data, "clearance.sqlite"));
      before.createRun({
        id: "r-killed",
        createdBy: "amy",
        county: "SACRAMENTO",
        policy: { kind: "los-angeles" },
        computeAt: "2024-01-01",
        outDir,
        inputs: [],
      });
      before.close();
      const s = await startServer({ port: 0, dataDir: data, webDir: join(d, "web") });
      try {
        const store = openStore(join(data, "clearance.sqlite"));
        expect(store.getRun("r-killed")).toMatchObject({
          status: "interrupted",
          error: "the server stopped during the run",
        });
        expect(store.auditLog("r-killed").map((e) => e.kind)).toEqual(["run-interrupted"]);
        store.close();
        expect(readdirSync(outDir)).toEqual(["gogen.json"]);
      } finally {
        await s.close();
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("progress and cancel", () => {
  let big: RunningServer;
  let bigDir: string;
  beforeAll(async () => {
    bigDir = mkdtempSync(join(tmpdir(), "clearance-progress-"));
    big = await startServer({ port: 0, dataDir: join(bigDir, "data"), webDir: join(bigDir, "web") });
  });
  afterAll(async () => {
    await big.close();
    rmSync(bigDir, { recursive: true, force: true });
  });

  async function startBigRun(): Promise<string> {
    const file = join(bigDir, "big.csv");
    await writeDojFile({ county: "LOS ANGELES", rows: 150_000, seed: 3, out: file });
    const h = { authorization: `Bearer ${big.token}` };
    const up = (await (
      await fetch(`${big.origin}/api/uploads?name=big.csv`, {
        method: "PUT",
        headers: h,
        body: readFileSync(file),
      })
    ).json()) as { id: string };
    const res = await fetch(`${big.origin}/api/runs`, {
      method: "POST",
      headers: { ...h, "content-type": "application/json" },
      body: JSON.stringify({
        county: "LOS ANGELES",
        uploadIds: [up.id],
        computeAt: "2024-01-01",
        policy: { kind: "los-angeles" },
      }),
    });
    return ((await res.json()) as { id: string }).id;
  }

  /** Reads SSE events until `stop` says so; returns the parsed `progress` events. */
  async function readEvents(id: string, stop: (e: Record<string, unknown>) => Promise<boolean>) {
    const res = await fetch(`${big.origin}/api/runs/${id}/events?token=${big.token}`);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events: Record<string, unknown>[] = [];
    const decoder = new TextDecoder();
    let buf = "";
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i = buf.indexOf("\n\n");
      while (i >= 0) {
        const data = buf
          .slice(0, i)
          .split("\n")
          .find((l) => l.startsWith("data:"));
        buf = buf.slice(i + 2);
        if (data) {
          const e = JSON.parse(data.slice(5)) as Record<string, unknown>;
          events.push(e);
          if (await stop(e)) {
            await reader.cancel();
            return events;
          }
        }
        i = buf.indexOf("\n\n");
      }
    }
    return events;
  }

  it("streams progress over SSE and cancels a run on request", async () => {
    const id = await startBigRun();
    let cancelled = false;
    const events = await readEvents(id, async (e) => {
      if (!cancelled && Number(e.rowsDone) > 0) {
        cancelled = true;
        const cancel = () =>
          fetch(`${big.origin}/api/runs/${id}/cancel`, {
            method: "POST",
            headers: { authorization: `Bearer ${big.token}`, "content-type": "application/json" },
            body: JSON.stringify({ who: "bob" }),
          });
        expect((await cancel()).status).toBe(200);
        const again = await cancel();
        expect(again.status).toBe(409);
        expect(((await again.json()) as { code: string }).code).toBe("already-cancelling");
      }
      return e.status !== "running" && e.status !== "importing";
    });
    const running = events.filter((e) => e.status === "running" && Number(e.rowsDone) > 0);
    expect(running.length).toBeGreaterThan(0);
    expect(running[0]).toMatchObject({ runId: id, phase: expect.any(String), file: "big.csv" });
    expect(Number(running[0]!.bytesTotal)).toBeGreaterThan(0);
    expect(typeof running[0]!.rowsPerSecond).toBe("number");
    expect(events.at(-1)).toMatchObject({ status: "cancelled" });
    const run = (await (
      await fetch(`${big.origin}/api/runs/${id}`, { headers: { authorization: `Bearer ${big.token}` } })
    ).json()) as {
      status: string;
      convictionCount: number;
    };
    expect(run).toMatchObject({ status: "cancelled", convictionCount: 0 });
    const audit = (await (
      await fetch(`${big.origin}/api/runs/${id}/audit`, { headers: { authorization: `Bearer ${big.token}` } })
    ).json()) as { kind: string; who: string }[];
    expect(audit.map((e) => [e.kind, e.who])).toEqual([
      ["run-started", expect.any(String)],
      ["cancel-requested", "bob"],
      ["run-cancelled", "bob"],
    ]);
    // A finished run answers the event stream with its final state at once.
    const again = await readEvents(id, async () => false);
    expect(again).toEqual([expect.objectContaining({ status: "cancelled" })]);
  });
});
