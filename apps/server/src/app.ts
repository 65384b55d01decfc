/**
 * @module app — the Hono application: token-checked JSON API, SSE progress, uploads, exports, and the
 * built web app. Bound to 127.0.0.1 by {@link startServer}; this module holds no rules logic.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { parsePolicyFile } from "@clearance/law";
import type { Store } from "@clearance/store";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { bundleFiles, exportBundle, zipFolder } from "./export-bundle.ts";
import { evaluateRapSheetFile } from "./rapsheet.ts";
import { type LiveState, type PolicyChoice, type RunBulk, RunManager } from "./run-manager.ts";
import { readLines } from "./source-rows.ts";
import { saveUpload, uploadMessage } from "./uploads.ts";
import {
  BEAR_COMPUTE_AT,
  BEAR_DEFAULTS,
  checkOverride,
  checkReviewFilter,
  checkReviewQuery,
  type NewRunBody,
  validateGogenOptions,
  validateNewRun,
} from "./validate.ts";

/** Options of {@link createApp}. */
export interface AppOptions {
  readonly store: Store;
  /** Folder for uploads and run folders. */
  readonly dataDir: string;
  /** The per-launch secret every API call must carry. */
  readonly token: string;
  /** Upload size limit in bytes. */
  readonly maxUploadBytes: number;
  /** Built web app (apps/web/dist). */
  readonly webDir: string;
  /** Loads the pipeline's bulk use case (lazily, so the API works while it is absent). */
  readonly runBulk: () => Promise<RunBulk>;
  /** Name recorded as "who" when a request does not give one. */
  readonly user: string;
  /** Office profile JSON (letterhead, court, attorney) for documents; documents are off without it. */
  readonly officeProfile?: string;
  /** Today as YYYY-MM-DD, printed on documents (injectable for tests). */
  readonly today?: () => string;
}

/** The CSP sent with every response: same-origin only, no inline script, no external assets. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Rap sheets are small documents; refuse anything larger than this whatever the bulk limit. */
const RAPSHEET_LIMIT = 20 * 1024 * 1024;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}$/;
/** JSON requests are forms and filters; anything larger is refused before it is read. */
export const JSON_LIMIT = 1024 * 1024;
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** True when the Origin header `origin` is http://HOST, HOST being the Host header the request came to. */
function sameHost(origin: string, host: string): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === "http:" && u.host === host;
  } catch {
    return false;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A 400 answer whose message is also given by field (the wizard shows `form` above the form). */
function badRequest(c: Context, errors: Record<string, string>): Response {
  return c.json({ error: Object.values(errors).join(" "), errors }, 400);
}

/**
 * Reads a JSON request body that must be an object. An empty body reads as `{}` when `emptyIsObject` (a
 * cancel needs nothing); otherwise, and for anything that is not a JSON object (`null`, an array, text),
 * the answer is a 400 to send back.
 */
async function jsonObject(c: Context, emptyIsObject = false): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text();
  if (text.trim() === "" && emptyIsObject) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return badRequest(c, { form: "The request is not JSON." });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return badRequest(c, { form: "The request must be a JSON object." });
  return value as Record<string, unknown>;
}

/** Builds the app and its run manager. */
export function createApp(o: AppOptions): { app: Hono; runs: RunManager } {
  const { store } = o;
  const uploadsDir = join(o.dataDir, "uploads");
  const runs = new RunManager(store, join(o.dataDir, "runs"), o.runBulk);
  const app = new Hono();

  app.use("*", async (c, next) => {
    // DNS-rebinding guard: only our own loopback names may address the server.
    const hostHeader = c.req.header("host") ?? "";
    const host = hostHeader.replace(/:\d+$/, "");
    if (host !== "127.0.0.1" && host !== "localhost") return c.text("Forbidden host", 403);
    // Cross-site request guard: a browser names the page a request comes from; only our own pages may
    // call us (a page elsewhere could otherwise post a form to 127.0.0.1 with a token it had seen).
    const origin = c.req.header("origin");
    if (origin !== undefined && !sameHost(origin, hostHeader)) return c.text("Forbidden origin", 403);
    await next();
    c.header("Content-Security-Policy", CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Frame-Options", "DENY");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
  });

  app.use("/api/*", async (c, next) => {
    const auth = c.req.header("authorization");
    const given = auth?.startsWith("Bearer ")
      ? auth.slice(7)
      : (c.req.header("x-clearance-token") ?? c.req.query("token"));
    if (!given || !sameSecret(given, o.token)) {
      return c.json({ error: "Missing or wrong token. Open the address printed by `clearance serve`." }, 401);
    }
    await next();
    c.header("Cache-Control", "no-store");
  });

  // Every POST carries a small JSON object (uploads are PUTs and stream to disk).
  app.post(
    "/api/*",
    bodyLimit({
      maxSize: JSON_LIMIT,
      onError: (c) => {
        // The rest of the body is not read: close the connection rather than let the client reuse it.
        c.header("Connection", "close");
        return c.json({ error: "The request is larger than 1 MB." }, 413);
      },
    }),
    async (c, next) => {
      const type = c.req.header("content-type") ?? "";
      if (c.req.header("content-length") !== "0" && c.req.raw.body && !/^application\/json\b/i.test(type)) {
        c.header("Connection", "close");
        return c.json({ error: "Send the request as application/json." }, 415);
      }
      await next();
    },
  );

  const who = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, 100) : o.user);

  app.get("/api/config", (c) =>
    c.json({
      maxUploadBytes: o.maxUploadBytes,
      user: o.user,
      documents: Boolean(o.officeProfile),
      defaults: { computeAt: BEAR_COMPUTE_AT, gogen: BEAR_DEFAULTS },
    }),
  );

  app.put("/api/uploads", async (c) => {
    const name = (c.req.query("name") ?? "upload.csv").replace(/[^\w .()-]/g, "_").slice(0, 200);
    const len = c.req.header("content-length");
    const r = await saveUpload(c.req.raw.body, uploadsDir, o.maxUploadBytes, len ? Number(len) : undefined);
    if (!r.ok) {
      const status = r.problem.code === "too-large" ? 413 : 400;
      // The rest of the body was not read: close the connection rather than let the client reuse it.
      c.header("Connection", "close");
      return c.json({ error: uploadMessage(r.problem), code: r.problem.code }, status);
    }
    const rec = store.addUpload({ id: r.id, name, bytes: r.bytes, path: r.path });
    store.audit(undefined, o.user, "upload", { id: rec.id, name, bytes: rec.bytes });
    return c.json({ id: rec.id, name: rec.name, bytes: rec.bytes }, 201);
  });

  app.put("/api/rapsheet", async (c) => {
    const name = (c.req.query("name") ?? "rapsheet.txt").replace(/[^\w .()-]/g, "_").slice(0, 200);
    const policy = c.req.query("policy") ?? "none";
    if (policy !== "none" && policy !== "los-angeles" && policy !== "bear-defaults") {
      return c.json({ errors: { policy: "Choose a policy." } }, 400);
    }
    const len = c.req.header("content-length");
    const limit = Math.min(o.maxUploadBytes, RAPSHEET_LIMIT);
    const r = await saveUpload(c.req.raw.body, uploadsDir, limit, len ? Number(len) : undefined);
    if (!r.ok) {
      c.header("Connection", "close");
      return c.json(
        { errors: { file: uploadMessage(r.problem) } },
        r.problem.code === "too-large" ? 413 : 400,
      );
    }
    const result = await evaluateRapSheetFile(
      r.path,
      name,
      policy,
      c.req.query("computeAt") ?? "",
      uploadsDir,
    );
    if (!result.ok) return badRequest(c, { [result.field]: result.error });
    store.audit(undefined, o.user, "rapsheet", {
      policy,
      convictions: result.report.summary.convictions,
      prop64Convictions: result.report.summary.prop64Convictions,
    });
    return c.json(result.report);
  });

  app.get("/api/runs", (c) =>
    c.json(
      store.listRuns().map((r) => ({
        ...r,
        outDir: undefined,
        inputs: r.inputs.map((i) => ({ name: i.name, bytes: i.bytes })),
      })),
    ),
  );

  app.post("/api/runs", async (c) => {
    const read = await jsonObject(c);
    if (read instanceof Response) return read;
    const body = read as NewRunBody;
    const errors = validateNewRun(body);
    const uploads = Array.isArray(body.uploadIds)
      ? body.uploadIds.map((id) => store.getUpload(String(id)))
      : [];
    if (!errors.uploads && uploads.some((u) => !u))
      errors.uploads = "An uploaded file is missing; upload it again.";
    const policy = body.policy as PolicyChoice;
    let policyFilePath: string | undefined;
    let policyFileName: string | undefined;
    if (!errors.policy && policy?.kind === "file" && !errors["policy.file"]) {
      const u = store.getUpload(policy.uploadId);
      if (!u) errors["policy.file"] = "The policy file is missing; upload it again.";
      else if (u.bytes > 1024 * 1024) errors["policy.file"] = "A policy file must be under 1 MB.";
      else {
        try {
          const json = JSON.parse(await readFile(u.path, "utf8")) as Record<string, unknown>;
          if (json && typeof json === "object" && ("format" in json || "rules" in json)) {
            // A clearance-policy/1 file (docs/policy-files.md): every problem, by path.
            const parsed = parsePolicyFile(json);
            if (!parsed.ok) errors["policy.file"] = parsed.errors.join("; ");
            else [policyFilePath, policyFileName] = [u.path, u.name];
          } else {
            const problems = Object.values(validateGogenOptions(json, "policy.file"));
            if (problems.length > 0) errors["policy.file"] = problems.join(" ");
            else [policyFilePath, policyFileName] = [u.path, u.name];
          }
        } catch (e) {
          errors["policy.file"] = `The policy file is not valid JSON (${(e as Error).message}).`;
        }
      }
    }
    if (Object.keys(errors).length > 0) return c.json({ errors }, 400);
    const runId = randomUUID();
    await runs.start({
      runId,
      who: who(body.who),
      county: String(body.county).trim().toUpperCase(),
      computeAt: String(body.computeAt),
      policy,
      ...(policyFilePath ? { policyFilePath, policyFileName } : {}),
      inputs: uploads.map((u) => ({ uploadId: u!.id, name: u!.name, path: u!.path, bytes: u!.bytes })),
    });
    return c.json({ id: runId }, 201);
  });

  // Every route below addresses a run by id: look it up once, and 404 for anything that is not a run id.
  app.use("/api/runs/:id/*", async (c, next) => {
    const id = c.req.param("id");
    if (!RUN_ID.test(id) || !store.getRun(id)) return c.json({ error: "No such run." }, 404);
    await next();
  });

  app.get("/api/runs/:id", (c) => {
    const id = c.req.param("id");
    const run = RUN_ID.test(id) ? store.getRun(id) : undefined;
    if (!run) return c.json({ error: "No such run." }, 404);
    return c.json({
      ...run,
      outDir: undefined,
      inputs: run.inputs.map((i) => ({ name: i.name, bytes: i.bytes })),
      live: runs.live(id),
      files: run.status === "done" ? bundleFiles(run.outDir) : [],
      overrides: store.overrides(id).length,
    });
  });

  app.get("/api/runs/:id/events", (c) => {
    const id = c.req.param("id");
    return streamSSE(c, async (stream) => {
      const final = (): LiveState => {
        const r = store.getRun(id)!;
        return {
          runId: id,
          status: r.status,
          phase: r.status,
          file: "",
          rowsDone: Number((r.report?.rows as { read?: number } | undefined)?.read ?? 0),
          bytesDone: 0,
          bytesTotal: 0,
          rowsPerSecond: 0,
          etaSeconds: 0,
          ...(r.error ? { error: r.error } : {}),
        };
      };
      let last = 0;
      let pending: LiveState | undefined;
      let finished!: () => void;
      const done = new Promise<void>((res) => {
        finished = res;
      });
      const send = (s: LiveState) => stream.writeSSE({ event: "progress", data: JSON.stringify(s) });
      const unsubscribe = runs.subscribe(id, (s) => {
        const terminal = s.status !== "running" && s.status !== "importing";
        const now = Date.now();
        if (terminal || now - last > 150) {
          last = now;
          pending = undefined;
          void send(s);
        } else pending = s;
        if (terminal) finished();
      });
      if (!unsubscribe) {
        await send(final());
        return;
      }
      const initial = runs.live(id);
      if (initial) await send(initial);
      stream.onAbort(() => finished());
      const timer = setInterval(() => {
        if (pending) {
          void send(pending);
          pending = undefined;
        }
      }, 250);
      await done;
      clearInterval(timer);
      unsubscribe();
      if (!runs.live(id)) await send(final());
    });
  });

  app.post("/api/runs/:id/cancel", async (c) => {
    const body = await jsonObject(c, true);
    if (body instanceof Response) return body;
    const outcome = runs.cancel(c.req.param("id"), who(body.who));
    if (outcome === "cancelling") return c.json({ ok: true });
    const why = {
      "not-running": "The run is not running.",
      "already-cancelling": "The run is already being cancelled.",
      "too-late":
        "The run has finished deciding and is loading its results for review; it can no longer be cancelled.",
    }[outcome];
    return c.json({ error: why, code: outcome }, 409);
  });

  app.get("/api/runs/:id/charts", (c) => c.json(store.charts(c.req.param("id"))));
  app.get("/api/runs/:id/facets", (c) => c.json(store.facets(c.req.param("id"))));
  app.get("/api/runs/:id/audit", (c) => c.json(store.auditLog(c.req.param("id"))));
  app.get("/api/runs/:id/overrides", (c) => c.json(store.overrides(c.req.param("id"))));

  app.get("/api/runs/:id/convictions", (c) => {
    const query = checkReviewQuery(c.req.query());
    if (!query.ok) return badRequest(c, query.errors);
    const id = c.req.param("id");
    const page = store.reviewPage(id, query.value);
    // Show the name the user uploaded, not the path of the stored copy.
    const inputs = store.getRun(id)!.inputs;
    return c.json({
      ...page,
      rows: page.rows.map((r) => ({ ...r, file: inputs[r.fileIndex - 1]?.name ?? r.file })),
    });
  });

  app.post("/api/runs/:id/convictions/:key/override", async (c) => {
    const body = await jsonObject(c);
    if (body instanceof Response) return body;
    const checked = checkOverride(body);
    if (!checked.ok) return badRequest(c, checked.errors);
    const rec = store.override(c.req.param("id"), c.req.param("key"), {
      who: who(body.who),
      ...checked.value,
    });
    return rec ? c.json(rec) : c.json({ error: "No such conviction." }, 404);
  });

  app.post("/api/runs/:id/accept", async (c) => {
    const body = await jsonObject(c);
    if (body instanceof Response) return body;
    const filter = checkReviewFilter(body.filter, true);
    if (!filter.ok) return badRequest(c, filter.errors);
    const n = store.bulkAccept(c.req.param("id"), filter.value, who(body.who));
    return c.json({ accepted: n });
  });

  app.get("/api/runs/:id/people/:personId", async (c) => {
    const id = c.req.param("id");
    const person = store.person(id, c.req.param("personId"));
    if (!person) return c.json({ error: "No such person." }, 404);
    const run = store.getRun(id)!;
    const sources: { key: string; file: string; line: number; text: string }[] = [];
    const byFile = new Map<number, number[]>();
    for (const cv of person.convictions)
      byFile.set(cv.fileIndex, [...(byFile.get(cv.fileIndex) ?? []), cv.line]);
    for (const [fileIndex, lines] of byFile) {
      const input = run.inputs[fileIndex - 1];
      if (!input || !existsSync(input.path)) continue;
      const got = await readLines(input.path, lines);
      for (const line of lines) {
        const text = got.get(line);
        if (text !== undefined) sources.push({ key: `${fileIndex}:${line}`, file: input.name, line, text });
      }
    }
    const convictions = person.convictions.map((cv) => ({
      ...cv,
      file: run.inputs[cv.fileIndex - 1]?.name ?? cv.file,
    }));
    return c.json({ ...person, convictions, sources });
  });

  app.get("/api/runs/:id/export.zip", (c) => {
    const id = c.req.param("id");
    const run = store.getRun(id)!;
    if (run.status !== "done") return c.json({ error: "The run has not finished." }, 409);
    store.audit(id, o.user, "export", { kind: "csv-bundle", overrides: store.overrides(id).length });
    const zip = exportBundle(store, id, run.outDir);
    return new Response(Readable.toWeb(zip) as ReadableStream, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="clearance-${id.slice(0, 8)}.zip"`,
      },
    });
  });

  app.get("/api/runs/:id/documents.zip", async (c) => {
    const id = c.req.param("id");
    const run = store.getRun(id)!;
    if (run.status !== "done") return c.json({ error: "The run has not finished." }, 409);
    if (!o.officeProfile) {
      return c.json({ error: "Documents need an office profile: start the server with --office FILE." }, 409);
    }
    const docs = await import("@clearance/documents");
    const office = await docs.loadOfficeProfile(o.officeProfile);
    if (!office.ok)
      return c.json({ error: `The office profile has problems: ${office.errors.join("; ")}` }, 409);
    const outDir = join(o.dataDir, "documents", `${id}-${randomUUID()}`);
    const overrides = store.overriddenDecisions(id);
    let result: Awaited<ReturnType<typeof docs.generateDocuments>>;
    try {
      result = await docs.generateDocuments({
        runDir: run.outDir,
        office: office.value,
        outDir,
        overrides,
        date: (o.today ?? (() => new Date().toISOString().slice(0, 10)))(),
      });
    } catch (e) {
      await rm(outDir, { recursive: true, force: true });
      // Something the office can fix (e.g. the office profile is for another county than the run's).
      if (e instanceof docs.DocumentInputError) return c.json({ error: e.message }, 409);
      throw e;
    }
    store.audit(id, o.user, "export", {
      kind: "documents",
      documents: result.documents.length,
      overridesApplied: result.overridesApplied,
    });
    const zip = zipFolder(
      outDir,
      result.documents.map((d) => d.file),
      {
        "documents.json": JSON.stringify(result, null, 2),
      },
    );
    zip.once("close", () => void rm(outDir, { recursive: true, force: true }));
    zip.once("end", () => void rm(outDir, { recursive: true, force: true }));
    return new Response(Readable.toWeb(zip) as ReadableStream, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="clearance-documents-${id.slice(0, 8)}.zip"`,
      },
    });
  });

  // Downloads name a file of the run's bundle (the files the dashboard lists). The name must be a plain
  // file name found in the run folder right now; it is never joined to a path before that check. Each
  // download (personal data leaving the application) is audited, as the zips are.
  app.get("/api/runs/:id/files/:name", async (c) => {
    const id = c.req.param("id");
    const run = store.getRun(id)!;
    const name = c.req.param("name");
    if (!FILE_NAME.test(name) || name.includes("..") || run.status !== "done") {
      return c.json({ error: "No such file." }, 404);
    }
    const listed = readdirSync(run.outDir, { withFileTypes: true }).find(
      (d) => d.isFile() && d.name === name,
    );
    if (!listed || !bundleFiles(run.outDir).includes(listed.name))
      return c.json({ error: "No such file." }, 404);
    store.audit(id, o.user, "export", { kind: "file", name: listed.name });
    const { createReadStream } = await import("node:fs");
    const path = join(run.outDir, listed.name);
    const size = (await stat(path)).size;
    return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
      headers: {
        "Content-Type": name.endsWith(".json") ? "application/json" : "text/csv; charset=utf-8",
        "Content-Length": String(size),
        "Content-Disposition": `attachment; filename="${name}"`,
      },
    });
  });

  app.all("/api/*", (c) => c.json({ error: "Not found." }, 404));

  // The built web app. Paths resolve inside webDir only; anything else falls back to index.html.
  const root = resolve(o.webDir);
  app.get("*", async (c) => {
    const index = join(root, "index.html");
    if (!existsSync(index)) {
      return c.text("The web app is not built. Run `npx vite build` in apps/web (or `npm run app`).", 503);
    }
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text("Bad path", 400);
    }
    const target = resolve(root, `.${rel}`);
    const inside = target.startsWith(root + sep);
    const file = inside && existsSync(target) && (await stat(target)).isFile() ? target : index;
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const cache = file === index ? "no-store" : "public, max-age=31536000, immutable";
    return c.body(await readFile(file), 200, { "Content-Type": type, "Cache-Control": cache });
  });

  return { app, runs };
}
