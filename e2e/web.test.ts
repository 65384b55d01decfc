/**
 * End-to-end: the built web app in Debian chromium (playwright-core) against a real server on 127.0.0.1,
 * a real SQLite file and the real pipeline, all in a temp folder. Screenshots are test artifacts: they go
 * to $CLEARANCE_ARTIFACTS/web/ when that is set, else to a temporary folder (its path is printed); with
 * CLEARANCE_DOCS_SCREENSHOTS=1 the wizard, dashboard and review shots are also copied to docs/images/ for
 * the README.
 *
 * Needs: `apt-get install -y chromium` (the test fails with that message otherwise).
 */
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type RunningServer, startServer } from "@clearance/server";
import { writeDojFile } from "@clearance/sources";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZip } from "../apps/server/src/testing/zip-reader.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(process.env.CLEARANCE_ARTIFACTS ?? join(tmpdir(), "clearance-e2e-artifacts"), "web");
const COUNTY = "LOS ANGELES";
const COMPUTE_AT = "2024-01-01";
// BEAR's defaults, except that sales and cultivation-for-sale felonies are reduced rather than dismissed.
const POLICY = {
  baselineEligibility: { dismiss: ["11357", "11358"], reduce: ["11359", "11360"] },
  additionalRelief: {
    subjectUnder21AtConviction: false,
    subjectAgeThreshold: 0,
    yearsSinceConvictionThreshold: 5,
    yearsCrimeFreeThreshold: 5,
    subjectHasOnlyProp64Charges: true,
    subjectIsDeceased: false,
  },
};

let tmp: string;
let webDir: string;
let dataDir: string;
let sample: string;
let cliSummary: Record<string, unknown>;
let server: RunningServer;
let context: BrowserContext;
let runId = "";
let overriddenKey = "";
const WHY = "Court file shows a PC 667 super strike";

async function shot(page: Page, name: string, docsName?: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  if (docsName && process.env.CLEARANCE_DOCS_SCREENSHOTS === "1") {
    copyFileSync(path, join(ROOT, "docs", "images", docsName));
  }
}

/** Replaces the page's API token (as after a server restart). */
async function setToken(page: Page, token: string): Promise<void> {
  await page.evaluate(`sessionStorage.setItem("clearance-token", ${JSON.stringify(token)})`);
}

async function apiJson<T>(path: string): Promise<T> {
  const res = await fetch(`${server.origin}${path}`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  return (await res.json()) as T;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: run apt-get install -y chromium`);
  tmp = mkdtempSync(join(tmpdir(), "clearance-e2e-"));
  webDir = join(tmp, "web");
  dataDir = join(tmp, "data");
  // Build the web app into the temp folder (the test never writes into the repository).
  await build({
    configFile: join(ROOT, "apps", "web", "vite.config.ts"),
    mode: "production",
    logLevel: "error",
    build: { outDir: webDir, emptyOutDir: true },
  });
  // The synthetic sample `npm start` uses, and the CLI's summary for it.
  sample = join(tmp, "sample.csv");
  await writeDojFile({ county: COUNTY, rows: 3000, seed: 64, out: sample });
  const policy = join(tmp, "bear.json");
  writeFileSync(policy, JSON.stringify(POLICY));
  const cliOut = join(tmp, "cli");
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, "apps/cli/bin/clearance.js"),
      "run",
      "-i",
      sample,
      "-c",
      COUNTY,
      "-p",
      policy,
      "--compute-at",
      COMPUTE_AT,
      "-o",
      cliOut,
      "-q",
    ],
    { cwd: ROOT },
  );
  cliSummary = JSON.parse(readFileSync(join(cliOut, "gogen.json"), "utf8"));
  server = await startServer({ port: 0, dataDir, webDir });
  context = await chromium.launchPersistentContext(join(tmp, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1200, height: 820 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  process.stdout.write(`e2e screenshots: ${SHOTS}\n`);
  await context?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("web app", () => {
  it("uploads the sample, runs it, shows the CLI's figures, takes an override into the export and the audit log", async () => {
    const page = await context.newPage();
    const external: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(server.origin)) external.push(r.url());
    });
    const cspViolations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(server.url);
    await page.waitForSelector("text=No runs yet");
    expect(new URL(page.url()).search).toBe(""); // the token left the address bar

    // Wizard: a missing county is reported next to its field.
    await page.goto(`${server.origin}/#/new`);
    await page.setInputFiles('input[name="files"]', sample);
    await page.waitForSelector('[data-testid="upload"]:has-text("uploaded")');
    await page.fill('input[name="computeAt"]', COMPUTE_AT);
    await page.click('button[type="submit"]');
    expect(await page.textContent('[data-testid="error-county"]')).toBe("Choose the county.");
    // A threshold outside the original tool's range is refused by the server, next to its field.
    await page.fill('input[name="subjectAgeThreshold"]', "30");
    await page.fill('input[name="county"]', COUNTY);
    await page.click('button[type="submit"]');
    expect(await page.textContent('[data-testid="error-policy.subjectAgeThreshold"]')).toBe(
      "SubjectAgeThreshold should be between 40 and 65, or 0",
    );
    await shot(page, "wizard", "web-wizard.png", true);
    await page.fill('input[name="subjectAgeThreshold"]', "0");
    await page.check('input[aria-label="reduce HS 11359"]');
    await page.check('input[aria-label="reduce HS 11360"]');
    await page.click('button[type="submit"]');

    // Progress, then the dashboard with the same figures as the CLI.
    await page.waitForSelector('[data-testid="fig-lineCount"]', { timeout: 60_000 });
    runId = decodeURIComponent(page.url().split("#/runs/")[1] ?? "");
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const fig = async (id: string) => (await page.textContent(`[data-testid="fig-${id}"]`))?.trim();
    for (const k of [
      "lineCount",
      "subjectsWithProp64ConvictionCountInCounty",
      "prop64FelonyConvictionsCountInCounty",
      "prop64NonFelonyConvictionsCountInCounty",
      "subjectsWithSomeReliefCount",
    ]) {
      expect(await fig(k), k).toBe(String(cliSummary[k]));
    }
    expect(await fig("earliestConviction")).toBe(String(cliSummary.earliestConviction).slice(0, 10));
    expect(await page.locator('[data-testid="run-warning"]').count()).toBe(0);
    for (const group of ["current", "dismissAll"] as const) {
      const src = cliSummary[
        group === "current" ? "reliefWithCurrentEligibilityChoices" : "reliefWithDismissAllProp64"
      ] as Record<string, number>;
      for (const [k, v] of Object.entries(src))
        expect(await fig(`${group}-${k}`), `${group} ${k}`).toBe(String(v));
    }
    for (const [k, v] of Object.entries(
      cliSummary.prop64ConvictionsCountInCountyByCodeSection as Record<string, number>,
    )) {
      expect(await fig(`bySection-${k}`)).toBe(String(v));
    }
    for (const [k, v] of Object.entries(
      cliSummary.convictionDismissalCountByCodeSection as Record<string, number>,
    )) {
      expect(await fig(`dismissal-${k}`)).toBe(String(v));
    }
    for (const [k, v] of Object.entries(
      cliSummary.convictionReductionCountByCodeSection as Record<string, number>,
    )) {
      expect(await fig(`reduction-${k}`)).toBe(String(v));
    }
    for (const [k, v] of Object.entries(
      cliSummary.convictionDismissalCountByAdditionalRelief as Record<string, number>,
    )) {
      expect(await fig(`additional-${k}`)).toBe(String(v));
    }
    expect(await page.locator("canvas").count()).toBe(2);
    await shot(page, "dashboard", "web-dashboard.png");

    // Review queue: filter to dismissals, open a person, override with a required reason.
    await page.click('[data-testid="open-review"]');
    await page.waitForSelector('[data-testid="queue-row"]');
    await shot(page, "review", "web-review.png");
    await page.selectOption('select[name="determination"]', "Eligible for Dismissal");
    await expect
      .poll(async () => {
        const cells = await page.locator('[data-testid="queue-row"] td:nth-child(5)').allTextContents();
        return cells.length > 0 && cells.every((t) => t === "Eligible for Dismissal");
      })
      .toBe(true);
    const firstRow = page.locator('[data-testid="queue-row"]').first();
    overriddenKey = (await firstRow.getAttribute("data-key")) ?? "";
    await firstRow.locator("a").click();
    const form = page.locator(`[data-testid="override-${overriddenKey}"]`);
    await form.locator('select[name="determination"]').selectOption("Not eligible");
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[data-testid="error-why"]').textContent()).toBe(
      "Give the reason for the override.",
    );
    await form.locator('input[name="why"]').fill(WHY);
    await form.locator('input[name="who"]').fill("Amy Reviewer");
    await form.locator('button[type="submit"]').click();
    const current = page.locator(
      `[data-testid="conviction-${overriddenKey}"] [data-testid="current-determination"]`,
    );
    await current.filter({ hasText: "Not eligible" }).waitFor();
    await shot(page, "person");

    // Export: the zip carries the overridden determination on that conviction's row.
    const conv = await apiJson<{ rows: { key: string; rowIndex: number }[] }>(
      `/api/runs/${runId}/convictions?review=overridden`,
    );
    expect(conv.rows.map((r) => r.key)).toEqual([overriddenKey]);
    await page.goto(`${server.origin}/#/runs/${runId}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('[data-testid="export-zip"]'),
    ]);
    const zip = readZip(readFileSync((await download.path())!));
    const rows = zip.get("All_Results.csv")!.toString("utf8").split("\n");
    expect(rows[conv.rows[0]!.rowIndex + 1]).toMatch(new RegExp(`,Not eligible,Reviewer override: ${WHY}$`));
    expect(
      zip
        .get("All_Results.csv")!
        .toString("utf8")
        .match(/,Not eligible,/g),
    ).toHaveLength(1);
    expect(zip.get("overrides.csv")!.toString("utf8")).toContain(WHY);

    // Audit log lists the override.
    await page.goto(`${server.origin}/#/runs/${runId}/audit`);
    const audit = page.locator('[data-testid="audit-row"][data-kind="override"]');
    await audit.waitFor();
    expect(await audit.textContent()).toContain(WHY);
    expect(await audit.textContent()).toContain(overriddenKey);
    expect(await audit.textContent()).toContain("Amy Reviewer");
    await shot(page, "audit");

    expect(external).toEqual([]);
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it("finds the run and the override intact after a server restart, with a new token", async () => {
    expect(runId).not.toBe("");
    const oldToken = server.token;
    await server.close();
    server = await startServer({ port: 0, dataDir, webDir });
    expect(server.token).not.toBe(oldToken);
    const stale = await fetch(`${server.origin}/api/runs`, {
      headers: { authorization: `Bearer ${oldToken}` },
    });
    expect(stale.status).toBe(401);

    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector(`a[href="#/runs/${runId}"]`);
    await page.goto(`${server.origin}/#/runs/${runId}/review`);
    await page.waitForSelector('[data-testid="queue-row"]');
    await page.selectOption('select[name="review"]', "overridden");
    await page.locator('[data-testid="total"]', { hasText: /^1$/ }).waitFor();
    expect(await page.locator('[data-testid="queue-row"]').getAttribute("data-key")).toBe(overriddenKey);
    await page.goto(`${server.origin}/#/runs/${runId}/audit`);
    await page.locator('[data-testid="audit-row"][data-kind="override"]').waitFor();
    expect(await page.locator('[data-testid="audit-row"][data-kind="override"]').textContent()).toContain(
      WHY,
    );
    await page.close();
  });

  it("review: accept all asks first with the pending count; a failed call is shown, not lost", async () => {
    expect(runId).not.toBe("");
    const page = await context.newPage();
    await page.goto(server.url);
    await page.goto(`${server.origin}/#/runs/${runId}/review`);
    await page.waitForSelector('[data-testid="queue-row"]');
    await page.selectOption('select[name="determination"]', "Eligible for Dismissal");
    await page
      .locator('[data-testid="queue-row"] td:nth-child(5)')
      .first()
      .filter({ hasText: "Eligible for Dismissal" })
      .waitFor();
    const q = new URLSearchParams({
      determination: "Eligible for Dismissal",
      review: "pending",
      pageSize: "1",
    });
    const pending = (await apiJson<{ total: number }>(`/api/runs/${runId}/convictions?${q}`)).total;
    expect(pending).toBeGreaterThan(0);
    const bulkEvents = async () =>
      (await apiJson<{ kind: string; detail: { count: number } }[]>(`/api/runs/${runId}/audit`)).filter(
        (e) => e.kind === "bulk-accept",
      );
    const before = (await bulkEvents()).length;
    // Cancelled: nothing is sent.
    await page.click('button:has-text("Accept all matching")');
    const confirm = page.locator('[data-testid="accept-confirm"]');
    expect(await confirm.textContent()).toContain(
      `Accept ${pending.toLocaleString("en-US")} pending conviction(s)`,
    );
    await confirm.locator('button:has-text("Cancel")').click();
    await confirm.waitFor({ state: "detached" });
    expect((await bulkEvents()).length).toBe(before);
    // A token the server no longer knows: the error is shown.
    const good = await page.evaluate<string>('sessionStorage.getItem("clearance-token")');
    await setToken(page, "stale");
    await page.click('button:has-text("Accept all matching")');
    expect(await page.textContent('[data-testid="review-error"]')).toMatch(/wrong token/);
    await setToken(page, good);
    // Confirmed: exactly that many are accepted.
    await page.click('button:has-text("Accept all matching")');
    await confirm.locator("button").first().click();
    await page
      .locator('[role="status"]', { hasText: `Accepted ${pending.toLocaleString("en-US")} pending` })
      .waitFor();
    const events = await bulkEvents();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)?.detail.count).toBe(pending);

    // Person: a form-level error (here a 401) is shown next to the override form.
    await page.locator('[data-testid="queue-row"] a').first().click();
    const form = page.locator("form.override").first();
    await form.waitFor();
    await setToken(page, "stale");
    await form.locator('input[name="why"]').fill("test");
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[data-testid="error-form"]').textContent()).toMatch(/wrong token/);
    await page.close();
  });

  it("keeps each upload in its own entry when uploads end out of order", async () => {
    const page = await context.newPage();
    const files = ["a.csv", "b.csv"].map((n) => {
      const f = join(tmp, n);
      writeFileSync(f, `${n}\n`);
      return f;
    });
    const release = new Map<string, () => void>();
    await page.route(
      (url) => url.pathname === "/api/uploads",
      async (route) => {
        const name = new URL(route.request().url()).searchParams.get("name") ?? "";
        await new Promise<void>((r) => release.set(name, r));
        await route.continue();
      },
    );
    await page.goto(server.url);
    await page.goto(`${server.origin}/#/new`);
    await page.setInputFiles('input[name="files"]', files[0]!);
    await expect.poll(() => release.has("a.csv")).toBe(true);
    await page.setInputFiles('input[name="files"]', files[1]!);
    await expect.poll(() => release.has("b.csv")).toBe(true);
    const entries = page.locator('[data-testid="upload"]');
    release.get("b.csv")!();
    await entries.filter({ hasText: "b.csv" }).filter({ hasText: "uploaded" }).waitFor();
    release.get("a.csv")!();
    await entries.filter({ hasText: "a.csv" }).filter({ hasText: "uploaded" }).waitFor();
    const texts = (await entries.allTextContents()).map((t) => t.replace(/ · .*? · /, " "));
    expect(texts).toEqual(["a.csv uploaded remove", "b.csv uploaded remove"]);
    await page.close();
  });

  it("shows errors instead of Loading… or a blank page, and nothing of the previous run", async () => {
    // A new tab has no token: the wizard says so instead of loading forever.
    const page = await context.newPage();
    await page.goto(`${server.origin}/#/new`);
    expect(await page.textContent('p[role="alert"]')).toMatch(/wrong token/);
    await page.goto(server.url);
    await page.goto(`${server.origin}/#/runs/%E0%A4%A`);
    expect(await page.textContent('[data-testid="not-found"]')).toBe("Page not found.");
    await page.goto(`${server.origin}/#/runs/${runId}/audit`);
    await page.locator('[data-testid="audit-row"]').first().waitFor();
    // Long text (names, details) wraps in table cells instead of widening the page.
    expect(await page.evaluate('getComputedStyle(document.querySelector("td")).overflowWrap')).toBe(
      "anywhere",
    );
    await page.goto(`${server.origin}/#/runs/00000000-0000-0000-0000-000000000000/audit`);
    await page.locator("p.error", { hasText: "No such run." }).waitFor();
    expect(await page.locator('[data-testid="audit-row"]').count()).toBe(0);
    await page.goto(`${server.origin}/#/runs/00000000-0000-0000-0000-000000000000`);
    await page.locator("p.error", { hasText: "No such run." }).waitFor();
    await page.goto(`${server.origin}/#/runs/${runId}`);
    await page.waitForSelector('[data-testid="fig-lineCount"]');
    expect(await page.locator("p.error").count()).toBe(0);
    await page.close();
  });

  it("warns on the dashboard when no conviction of the file is in the county chosen", async () => {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.goto(`${server.origin}/#/new`);
    await page.setInputFiles('input[name="files"]', sample);
    await page.waitForSelector('[data-testid="upload"]:has-text("uploaded")');
    await page.fill('input[name="computeAt"]', COMPUTE_AT);
    await page.fill('input[name="county"]', "ALPINE");
    await page.click('button[type="submit"]');
    const warning = page.locator('[data-testid="run-warning"]');
    await warning.waitFor({ timeout: 60_000 });
    expect(await warning.textContent()).toMatch(
      /^sample\.csv: none of its [\d,]+ convictions is in county "ALPINE" .*Counties of its convictions: "LOS ANGELES" \([\d,]+\)/,
    );
    expect((await page.textContent('[data-testid="fig-earliestConviction"]'))?.trim()).toBe("none");
    await shot(page, "county-warning");
    await page.close();
  });

  it("reads one rap sheet and shows its convictions with outcomes", async () => {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.goto(`${server.origin}/#/rapsheet`);
    await page.click('button[type="submit"]');
    expect(await page.textContent('[data-testid="error-file"]')).toMatch(/Choose the rap sheet/);
    await page.setInputFiles('input[name="sheet"]', join(ROOT, "examples", "rapsheet", "sample.txt"));
    await page.selectOption('select[name="policy"]', "los-angeles");
    await page.fill('input[name="computeAt"]', "2024-01-15");
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="sheet-conviction"]');
    const rows = await page.locator('[data-testid="sheet-conviction"]').allTextContents();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((r) => r.includes("HS 11359") && r.includes("Eligible for Dismissal"))).toBe(true);
    await shot(page, "rapsheet");
    expect(await page.locator('[data-testid="sheet-diagnostics"]').count()).toBe(0);

    // A sheet cut short: its warning is listed above the table.
    const cut = join(tmp, "cut.txt");
    const text = readFileSync(join(ROOT, "examples", "rapsheet", "sample.txt"), "utf8");
    writeFileSync(cut, text.replace(/\* \* \* END OF MESSAGE \* \* \*\s*$/, ""));
    await page.setInputFiles('input[name="sheet"]', cut);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-testid="sheet-diagnostic"]');
    expect(await page.locator('[data-testid="sheet-diagnostic"]').allTextContents()).toContainEqual(
      expect.stringMatching(/^warning · line \d+: .*END OF MESSAGE.*cut short/),
    );
    expect(await page.locator('[data-testid="sheet-conviction"]').count()).toBe(rows.length);

    // A file that is not a rap sheet: said plainly.
    const notSheet = join(tmp, "letter.txt");
    writeFileSync(notSheet, "Dear client,\nplease find attached the documents.\n");
    await page.setInputFiles('input[name="sheet"]', notSheet);
    await page.click('button[type="submit"]');
    expect(await page.textContent('[data-testid="sheet-none"]')).toBe(
      "No conviction was found in this file: is it a CA rap sheet?",
    );
    expect(await page.locator('[data-testid="sheet-conviction"]').count()).toBe(0);
    await page.close();
  });
});
