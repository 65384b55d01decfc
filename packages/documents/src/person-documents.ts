/**
 * @module person-documents — one person's petition/application and proposed order carrying the
 * content of Judicial Council forms CR-400 and CR-403 (our own pleading layout; the official forms
 * are not shipped), and a plain-language notice letter.
 */
import { drawCaption, heading, judgeBlock, signatureBlock } from "./caption.ts";
import { type PlainPaper, type PleadingPaper, writeLine, writeParagraph } from "./layout.ts";
import type { OfficeProfile } from "./office.ts";
import { reliefText } from "./relief.ts";
import type { PersonConviction, PersonRecord } from "./scan.ts";
import { type Column, TableWriter } from "./table.ts";
import { displayDate, longDate, personalName } from "./text.ts";

/** The convictions of a person that go into a filing. */
export function filedConvictions(p: PersonRecord): PersonConviction[] {
  return p.convictions.filter((c) => c.relief !== undefined);
}

/** All the person's court case numbers in filed convictions, de-duplicated, in order. */
export function personCaseNumbers(p: PersonRecord): string[] {
  return [...new Set(filedConvictions(p).flatMap((c) => c.caseNumbers))];
}

/** True when a conviction's sentence is still being served (statute layer said recall and resentence). */
function serving(p: PersonRecord): boolean {
  return filedConvictions(p).some((c) => c.statutoryRemedy === "recall-and-resentence");
}

function convictionColumns(width: number): Column<PersonConviction>[] {
  const w = (f: number) => Math.floor(width * f);
  return [
    { header: "Court case number(s)", width: w(0.3), value: (c) => c.caseNumbers.join("; ") || "none" },
    { header: "Code section", width: w(0.16), value: (c) => c.codeSection },
    { header: "Date of conviction", width: w(0.16), value: (c) => displayDate(c.convictionDate) },
    { header: "Level", width: w(0.08), value: (c) => c.level ?? "?" },
    {
      header: "Relief",
      width: width - w(0.3) - w(0.16) - w(0.16) - w(0.08),
      value: (c) => (c.relief === undefined ? "" : reliefText(c.relief, c.level, c.statutoryRemedy)),
    },
  ];
}

function personParties(office: OfficeProfile, p: PersonRecord): string[] {
  return office.role === "prosecutor"
    ? ["THE PEOPLE OF THE STATE OF CALIFORNIA,", "Plaintiff,", "v.", `${p.name},`, "Defendant."]
    : ["THE PEOPLE OF THE STATE OF CALIFORNIA,", "Plaintiff,", "v.", `${p.name},`, "Defendant/Petitioner."];
}

function caseNumberLine(p: PersonRecord): string {
  const n = personCaseNumbers(p);
  return n.length === 0 ? "Case No.: not in the records; see DOJ CII number" : `Case No(s).: ${n.join("; ")}`;
}

function identity(p: PersonRecord): string {
  return `${p.name}; date of birth: ${displayDate(p.dob)}; CII number: ${p.cii || "none"}`;
}

function drawConvictionTable(paper: PleadingPaper, p: PersonRecord): void {
  writeLine(paper, "", {}, 1);
  const table = new TableWriter(paper, convictionColumns(paper.width), {
    font: "Times-Roman",
    boldFont: "Times-Bold",
    size: 10,
  });
  for (const c of filedConvictions(p)) table.add(c);
  writeLine(paper, "", {}, 1);
}

/** Draws the petition/application (content of CR-400) for one person. */
export function drawPetition(
  paper: PleadingPaper,
  office: OfficeProfile,
  p: PersonRecord,
  date: string,
): void {
  const isServing = serving(p);
  drawCaption(paper, office, {
    parties: personParties(office, p),
    caseNumber: caseNumberLine(p),
    title: "PETITION/APPLICATION (HEALTH AND SAFETY CODE SECTION 11361.8) - ADULT CRIMES",
    details: ["[Content of Judicial Council form CR-400]"],
  });
  const box = (on: boolean) => (on ? "[X]" : "[  ]");
  const items = [
    `1. Petitioner/applicant: ${identity(p)}.`,
    "2. Petitioner/applicant was convicted of the following offenses under Health and Safety Code sections 11357 through 11360, which the Control, Regulate and Tax Adult Use of Marijuana Act (Proposition 64) amended:",
  ];
  for (const t of items) writeParagraph(paper, t, { firstLineIndent: 36 });
  drawConvictionTable(paper, p);
  const rest = [
    `3. ${box(isServing)} Petition (Health & Saf. Code, § 11361.8, subd. (a)). Petitioner is currently serving a sentence for the convictions listed and asks the court to recall or dismiss the sentence and resentence petitioner under Health and Safety Code sections 11357 through 11360 as amended, or dismiss, as the law now provides.`,
    `4. ${box(!isServing)} Application (Health & Saf. Code, § 11361.8, subd. (e)). Applicant has completed the sentence for the convictions listed and asks the court to dismiss and seal each conviction marked "Dismiss and seal" as legally invalid, and to redesignate each conviction marked "Redesignate" as a misdemeanor or infraction.`,
    "5. Petitioner/applicant would not have been guilty, or would have been guilty of a lesser offense, under the Act had it been in effect at the time of the offense (Health & Saf. Code, § 11361.8, subds. (a), (e)). The court presumes that petitioner/applicant satisfies these criteria unless the opposing party proves otherwise by clear and convincing evidence (subds. (b), (f)).",
    "6. Petitioner/applicant does not request a hearing.",
  ];
  for (const t of rest) writeParagraph(paper, t, { firstLineIndent: 36 });
  signatureBlock(paper, office, longDate(date), "Submitted by:");
}

/** Draws the proposed order after petition/application (content of CR-403) for one person. */
export function drawPersonOrder(paper: PleadingPaper, office: OfficeProfile, p: PersonRecord): void {
  const isServing = serving(p);
  drawCaption(paper, office, {
    parties: personParties(office, p),
    caseNumber: caseNumberLine(p),
    title:
      "[PROPOSED] ORDER AFTER PETITION/APPLICATION (HEALTH AND SAFETY CODE SECTION 11361.8) - ADULT CRIMES",
    details: ["[Content of Judicial Council form CR-403]"],
  });
  writeParagraph(
    paper,
    `The court has read and considered the ${isServing ? "petition" : "application"} under Health and Safety Code section 11361.8 of ${identity(p)}. The court finds that the ${isServing ? "petitioner" : "applicant"} satisfies the criteria of Health and Safety Code section 11361.8, subdivision ${isServing ? "(a)" : "(e)"}, for the convictions listed below.`,
    { firstLineIndent: 36 },
  );
  heading(paper, "IT IS ORDERED:");
  drawConvictionTable(paper, p);
  const dismiss = filedConvictions(p).some((c) => c.relief === "dismiss-and-seal");
  const redesignate = filedConvictions(p).some((c) => c.relief === "redesignate");
  let n = 0;
  if (dismiss) {
    writeParagraph(
      paper,
      `${++n}. Each conviction marked "Dismiss and seal" is ${isServing ? "recalled and dismissed" : "dismissed and sealed as legally invalid"} (Health & Saf. Code, § 11361.8, subds. ${isServing ? "(a), (b)" : "(e), (f)"}).`,
      { firstLineIndent: 36 },
    );
  }
  if (redesignate) {
    writeParagraph(
      paper,
      `${++n}. Each conviction marked "Redesignate" is ${isServing ? "recalled and the petitioner resentenced as" : "redesignated as"} a misdemeanor or infraction, as marked (Health & Saf. Code, § 11361.8, subds. ${isServing ? "(a), (b)" : "(e), (f)"}).`,
      { firstLineIndent: 36 },
    );
  }
  writeParagraph(
    paper,
    `${++n}. The clerk shall update the records of the court and notify the Department of Justice of this order.`,
    { firstLineIndent: 36 },
  );
  judgeBlock(paper);
}

/** Draws the plain-language notice letter to the person. */
export function drawNotice(paper: PlainPaper, office: OfficeProfile, p: PersonRecord, date: string): void {
  if (paper.pageNumber === 0) paper.newPage();
  const doc = paper.doc;
  const body = { font: "Helvetica" as const, size: 11, spacing: 1 as const };
  // Letterhead and address block wrap: a long office or person name stays within the margins.
  const small = { font: "Helvetica" as const, size: 9, spacing: 1 as const };
  writeParagraph(paper, office.officeName, { font: "Helvetica-Bold", size: 13, spacing: 1 });
  for (const a of office.address) writeParagraph(paper, a, small);
  writeParagraph(paper, `${office.phone}  |  ${office.email}`, small);
  const y = paper.take(1);
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(paper.left, y + 6)
    .lineTo(paper.left + paper.width, y + 6)
    .stroke()
    .restore();
  writeLine(paper, longDate(date), { font: "Helvetica", size: 11 }, 2);
  writeParagraph(paper, p.name, { font: "Helvetica", size: 11, spacing: 1 });
  writeLine(paper, `Date of birth: ${displayDate(p.dob)}`, { font: "Helvetica", size: 11 }, 2);
  writeLine(paper, "Good news about your record", { font: "Helvetica-Bold", size: 14 }, 2);
  writeParagraph(paper, `Dear ${personalName(p.name)},`, body);
  writeLine(paper, "", {}, 1);
  const filed = filedConvictions(p);
  const dismiss = filed.filter((c) => c.relief === "dismiss-and-seal");
  const redesignate = filed.filter((c) => c.relief === "redesignate");
  const who = office.role === "prosecutor" ? "Our office" : "We";
  writeParagraph(
    paper,
    `California law changed in 2016 (Proposition 64). Many old marijuana convictions can now be cleared. ${who} reviewed your record and asked the Superior Court of California, County of ${office.county}, to clear the marijuana conviction${filed.length === 1 ? "" : "s"} listed below (Health and Safety Code sections 11361.8 and 11361.9). You do not need to do anything, go to court or pay anything for this.`,
    body,
  );
  writeLine(paper, "", {}, 1);
  const table = new TableWriter(
    paper,
    [
      {
        header: "Court case number(s)",
        width: paper.width * 0.3,
        value: (c: PersonConviction) => c.caseNumbers.join("; ") || "not known",
      },
      { header: "Law (code section)", width: paper.width * 0.2, value: (c) => c.codeSection },
      { header: "Date of conviction", width: paper.width * 0.2, value: (c) => displayDate(c.convictionDate) },
      {
        header: "What we asked for",
        width: paper.width * 0.3,
        value: (c) =>
          c.relief === "dismiss-and-seal"
            ? "Dismiss and seal"
            : `Change to a ${reliefText("redesignate", c.level, c.statutoryRemedy).includes("infraction") ? "lower level" : "misdemeanor"}`,
      },
    ],
    { font: "Helvetica", boldFont: "Helvetica-Bold", size: 9 },
  );
  for (const c of filed) table.add(c);
  writeLine(paper, "", {}, 1);
  writeLine(paper, "What this means", { font: "Helvetica-Bold", size: 12 }, 2);
  if (dismiss.length > 0) {
    writeParagraph(
      paper,
      "Dismissed and sealed: once the court grants this, the conviction is dismissed as legally invalid and the court record is sealed (Health and Safety Code section 11361.8). In general it will no longer show on background checks run by most employers and landlords.",
      body,
    );
    writeLine(paper, "", {}, 1);
  }
  if (redesignate.length > 0) {
    writeParagraph(
      paper,
      "Reduced (redesignated): once the court grants this, a felony conviction counts as a misdemeanor (or a misdemeanor as an infraction) from then on (Health and Safety Code section 11361.8). It is still on your record, but at the lower level.",
      body,
    );
    writeLine(paper, "", {}, 1);
  }
  writeLine(paper, "Job applications", { font: "Helvetica-Bold", size: 12 }, 2);
  if (dismiss.length > 0) {
    writeParagraph(
      paper,
      "After the court dismisses and seals a conviction, you generally do not have to tell a private employer about it, and you may answer questions about convictions as if it never happened. Some jobs and licences (for example police work, or some state licences) can still see sealed records; if you apply for those, ask a lawyer first.",
      body,
    );
    writeLine(paper, "", {}, 1);
  }
  if (redesignate.length > 0) {
    writeParagraph(
      paper,
      "After a conviction is reduced, it is no longer a felony. If an application asks whether you have a felony conviction, this case no longer counts as one. If it asks about misdemeanors, you may still need to list it. You may be able to have it dismissed under other laws; a lawyer or the public defender can help.",
      body,
    );
    writeLine(paper, "", {}, 1);
  }
  writeParagraph(
    paper,
    `The court decides, and it can take some months. You can check your record with the California Department of Justice. If you have questions, call us at ${office.phone} or write to ${office.email}, and mention your name and date of birth.`,
    body,
  );
  writeLine(paper, "", {}, 1);
  writeParagraph(paper, "Sincerely,", body);
  writeLine(paper, "", {}, 1);
  writeParagraph(paper, office.signatureLine, body);
  writeParagraph(paper, office.officeName, body);
}
