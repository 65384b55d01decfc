/**
 * @module caption — the first-page block of a pleading (CRC 2.111): attorney block on lines 1–7,
 * court title from line 8, then the case caption with the parties on the left and the case number
 * and document title on the right; and the signature blocks that close a filing.
 */
import { drawText, type PleadingPaper, SLOT, useFont, writeLine, writeParagraph } from "./layout.ts";
import { attorneysFor, type OfficeProfile } from "./office.ts";
import { toWinAnsi, wrapText } from "./text.ts";

/** What goes in the caption box. */
export interface CaptionContent {
  /** Left side, e.g. ["THE PEOPLE OF THE STATE OF CALIFORNIA,", "Plaintiff,", "v.", …]. */
  readonly parties: readonly string[];
  /** Right side, first line: the case number(s). */
  readonly caseNumber: string;
  /** Right side: the document title (bold). */
  readonly title: string;
  /** Right side, under the title: statute and hearing lines. */
  readonly details: readonly string[];
}

/** Draws the attorney block, the court title and the caption on the first page. */
export function drawCaption(paper: PleadingPaper, office: OfficeProfile, content: CaptionContent): void {
  if (paper.pageNumber === 0) paper.newPage();
  const doc = paper.doc;
  const block = [
    `${office.attorney.name} (SBN ${office.attorney.barNumber})`,
    office.attorney.title,
    office.officeName,
    ...office.address,
    `Telephone: ${office.phone}`,
    `Email: ${office.email}`,
    attorneysFor(office),
  ];
  const measure = useFont(doc, "Times-Roman", 12);
  const half = paper.width * 0.62;
  for (const l of block) {
    for (const w of wrapText(measure, toWinAnsi(l), half)) writeLine(paper, w, { width: half }, 1);
  }
  // Court title on line 8 or below (CRC 2.111(3)).
  paper.gotoLine(8);
  paper.alignToNumber();
  // Wrapped: a long court or county name stays within the margins.
  const title = { align: "center", font: "Times-Bold", spacing: 2 } as const;
  writeParagraph(paper, office.court.name.toUpperCase(), title);
  writeParagraph(paper, `COUNTY OF ${office.county.toUpperCase()}`, title);
  writeLine(paper, "", {}, 1);

  // Caption box: parties left of centre, case number and title right of it.
  const mid = paper.left + paper.width / 2;
  const leftW = mid - paper.left - 8;
  const rightX = mid + 10;
  const rightW = paper.left + paper.width - rightX;
  const leftLines = content.parties.flatMap((p) =>
    wrapText(useFont(doc, "Times-Roman", 12), toWinAnsi(p), leftW),
  );
  const rightLines: { text: string; bold: boolean }[] = [];
  for (const l of wrapText(useFont(doc, "Times-Roman", 12), toWinAnsi(content.caseNumber), rightW)) {
    rightLines.push({ text: l, bold: false });
  }
  rightLines.push({ text: "", bold: false });
  for (const l of wrapText(useFont(doc, "Times-Bold", 12), toWinAnsi(content.title), rightW)) {
    rightLines.push({ text: l, bold: true });
  }
  rightLines.push({ text: "", bold: false });
  for (const d of content.details) {
    for (const l of wrapText(useFont(doc, "Times-Roman", 12), toWinAnsi(d), rightW))
      rightLines.push({ text: l, bold: false });
  }
  const rows = Math.max(leftLines.length + 1, rightLines.length);
  let drawn = 0;
  let boxTop = paper.y;
  while (drawn < rows) {
    if (paper.slotsLeft() < 1) {
      closeBox(paper, boxTop, mid, drawn < leftLines.length + 1);
      paper.newPage();
      boxTop = paper.y;
    }
    const y = paper.take(1);
    const l = leftLines[drawn];
    if (l !== undefined) {
      const indent = /^(Plaintiff|Defendants?|Petitioners?|Respondents?)[,.]?$/.test(l.trim())
        ? leftW * 0.45
        : 0;
      drawText(doc, l, paper.left + indent, y, leftW - indent);
    }
    const r = rightLines[drawn];
    if (r !== undefined)
      drawText(doc, r.text, rightX, y, rightW, { font: r.bold ? "Times-Bold" : "Times-Roman" });
    drawn++;
  }
  closeBox(paper, boxTop, mid, true);
  writeLine(paper, "", {}, 1);
  paper.alignToNumber();
}

function closeBox(paper: PleadingPaper, top: number, mid: number, underline: boolean): void {
  const doc = paper.doc;
  const bottom = paper.y;
  doc.save().lineWidth(0.6).strokeColor("black");
  doc.moveTo(mid, top).lineTo(mid, bottom).stroke();
  if (underline) doc.moveTo(paper.left, bottom).lineTo(mid, bottom).stroke();
  doc.restore();
}

/** Section heading, centred and bold, on a numbered line. */
export function heading(paper: PleadingPaper, text: string): void {
  if (paper.slotsLeft() < 4) paper.newPage();
  paper.alignToNumber();
  writeLine(paper, text, { align: "center", font: "Times-Bold" }, 2);
}

/** The attorney's signature block: date on the left, signature rule and name on the right. */
export function signatureBlock(
  paper: PleadingPaper,
  office: OfficeProfile,
  dateText: string,
  lead: string,
): void {
  if (paper.slotsLeft() < 12) paper.newPage();
  paper.alignToNumber();
  const x = paper.left + paper.width / 2;
  const w = paper.width / 2;
  writeLine(paper, `Dated: ${dateText}`, {}, 1);
  writeLine(paper, lead, { x, width: w }, 1);
  const measure = useFont(paper.doc, "Times-Roman", 12);
  for (const l of wrapText(measure, toWinAnsi(office.officeName), w)) writeLine(paper, l, { x, width: w }, 1);
  writeLine(paper, "", {}, 1);
  writeLine(paper, "", {}, 1);
  const y = paper.take(1);
  paper.doc
    .save()
    .lineWidth(0.6)
    .moveTo(x, y + 2)
    .lineTo(x + w - 10, y + 2)
    .stroke()
    .restore();
  for (const l of wrapText(measure, toWinAnsi(office.signatureLine), w))
    writeLine(paper, l, { x, width: w }, 1);
}

/** The judge's signature block for a proposed order. */
export function judgeBlock(paper: PleadingPaper): void {
  if (paper.slotsLeft() < 8) paper.newPage();
  paper.alignToNumber();
  writeLine(paper, "IT IS SO ORDERED.", { font: "Times-Bold" }, 2);
  writeLine(paper, "", {}, 1);
  const x = paper.left + paper.width / 2;
  const w = paper.width / 2;
  const y = paper.take(1);
  drawText(paper.doc, "Dated: ____________________", paper.left, y + SLOT, w);
  paper.doc
    .save()
    .lineWidth(0.6)
    .moveTo(x, y + SLOT + 11)
    .lineTo(x + w - 10, y + SLOT + 11)
    .stroke()
    .restore();
  paper.take(1);
  writeLine(paper, "JUDGE OF THE SUPERIOR COURT", { x, width: w }, 1);
}
