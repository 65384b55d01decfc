/**
 * @module pdf-test-helpers — reading generated PDFs back with poppler-utils (pdftotext, pdfinfo,
 * pdftoppm) in tests. Requires the Debian package poppler-utils.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Text of a PDF (optionally `-layout`, optionally a page range). */
export async function pdfText(
  path: string,
  opts: { layout?: boolean; first?: number; last?: number } = {},
): Promise<string> {
  const args: string[] = [];
  if (opts.layout) args.push("-layout");
  if (opts.first !== undefined) args.push("-f", String(opts.first));
  if (opts.last !== undefined) args.push("-l", String(opts.last));
  const r = await run("pdftotext", [...args, path, "-"], { maxBuffer: 256 * 1024 * 1024 });
  return r.stdout;
}

/** Number of pages (pdfinfo). */
export async function pdfPages(path: string): Promise<number> {
  const r = await run("pdfinfo", [path]);
  const m = /^Pages:\s+(\d+)/m.exec(r.stdout);
  if (!m) throw new Error(`pdfinfo: no page count for ${path}`);
  return Number(m[1]);
}

/** One word with its box, from `pdftotext -bbox`. */
export interface WordBox {
  readonly page: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly text: string;
}

/** Every word's bounding box (points, origin top-left). */
export async function pdfWordBoxes(path: string): Promise<WordBox[]> {
  const r = await run("pdftotext", ["-bbox", path, "-"], { maxBuffer: 256 * 1024 * 1024 });
  const words: WordBox[] = [];
  let page = 0;
  for (const line of r.stdout.split("\n")) {
    if (line.includes("<page ")) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! });
  }
  return words;
}

/** A rendered greyscale page: width, height and one byte per pixel (0 black … 255 white). */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Renders one page with pdftoppm to a PGM file in `dir` and decodes it. */
export async function renderPage(path: string, page: number, dpi: number, dir: string): Promise<Raster> {
  const stem = join(dir, `page-${page}`);
  await run("pdftoppm", [
    "-gray",
    "-r",
    String(dpi),
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    path,
    stem,
  ]);
  const buf = await readFile(`${stem}.pgm`);
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then w*h bytes.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 50).toString("latin1"));
  if (!header) throw new Error("pdftoppm did not write a binary PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = buf.subarray(header[0].length);
  if (pixels.length !== width * height)
    throw new Error(`PGM has ${pixels.length} bytes, expected ${width * height}`);
  return { width, height, pixels };
}

/** Count of dark pixels (< 128) in a rectangle given in points at `dpi`. */
export function inkIn(r: Raster, dpi: number, x0: number, y0: number, x1: number, y1: number): number {
  const s = dpi / 72;
  let n = 0;
  for (let y = Math.floor(y0 * s); y < Math.ceil(y1 * s) && y < r.height; y++) {
    for (let x = Math.floor(x0 * s); x < Math.ceil(x1 * s) && x < r.width; x++) {
      if (r.pixels[y * r.width + x]! < 128) n++;
    }
  }
  return n;
}
