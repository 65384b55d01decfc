import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { csvCell, displayDate, personalName, slug, toWinAnsi, toWinAnsiText, wrapText } from "./text.ts";

const measure = (s: string) => s.length * 5;

describe("wrapText", () => {
  test("no line is wider than the width, and no character is lost", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 5, max: 300 }), (text, width) => {
        const clean = text.replace(/\n/g, " ");
        const lines = wrapText(measure, clean, width);
        for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(Math.max(width, 5));
        expect(lines.join("").replace(/ /g, "")).toBe(clean.replace(/ /g, ""));
      }),
    );
  });

  test("breaks an over-long name after its comma before breaking between letters", () => {
    // measure: 5 units per character (see above); 60 units hold 12 characters.
    expect(wrapText(measure, "RODRIGUEZ,BRENDA J", 60)).toEqual(["RODRIGUEZ,", "BRENDA J"]);
    expect(wrapText(measure, "11360(B) SELL/FURNISH/ETC", 45)).toEqual([
      "11360(B)",
      "SELL/",
      "FURNISH/",
      "ETC",
    ]);
  });

  test("breaks a long token and keeps case-number separators at line ends", () => {
    expect(wrapText(measure, "X".repeat(25), 50)).toEqual(["XXXXXXXXXX", "XXXXXXXXXX", "XXXXX"]);
    expect(wrapText(measure, "A1; B2; C3", 35)).toEqual(["A1; B2;", "C3"]);
  });
});

test("toWinAnsi keeps Latin-1, strips accents the fonts cannot draw, replaces the rest", () => {
  expect(toWinAnsi("PEÑA, JOSÉ")).toBe("PEÑA, JOSÉ");
  expect(toWinAnsi("ŁUKASZ Ő")).toBe("LUKASZ O");
  expect(toWinAnsi("a\tb\nc")).toBe("a b c");
  expect(toWinAnsi("李")).toBe("?");
});

test("toWinAnsi normalises to NFC first and transliterates letters with a faithful Latin form", () => {
  expect(toWinAnsi("ĐẶNG,VĂN")).toBe("DANG,VAN");
  expect(toWinAnsi("ŁUKASZ")).toBe("LUKASZ");
  expect(toWinAnsi("PEN\u0303A")).toBe("PEÑA"); // decomposed Ñ
  expect(toWinAnsi("E\u0301MILE")).toBe("ÉMILE");
  expect(toWinAnsi("Łódź")).toBe("Lódz");
  expect(toWinAnsi("ØRSTED, ÆSA, STRAßE, ŒUVRE, Š")).toBe("ØRSTED, ÆSA, STRAßE, ŒUVRE, Š");
  expect(toWinAnsi("NGUYỄN THỊ")).toBe("NGUYEN THI");
  expect(toWinAnsi("Q\u0303X")).toBe("QX"); // no precomposed Q-tilde: the mark goes, the letter stays
  expect(toWinAnsiText("PEN\u0303A ĐẶNG Łódź").unprintable).toEqual([]);
});

test("toWinAnsiText lists the characters it could not print faithfully", () => {
  expect(toWinAnsiText("王,小明")).toEqual({ text: "?,??", unprintable: ["王", "小", "明"] });
  expect(toWinAnsiText("ՀԱՅԿ,王王").unprintable).toEqual(["Հ", "Ա", "Յ", "Կ", "王"]);
  expect(slug("ŁUKASZ,ĐẶNG")).toBe("lukasz-dang");
});

test("csvCell quotes and neutralises formulas", () => {
  expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
  expect(csvCell("SKYWALKER,LUKE")).toBe('"SKYWALKER,LUKE"');
  expect(csvCell('a"b')).toBe('"a""b"');
  expect(csvCell("-1")).toBe("'-1");
});

test("dates, names and slugs", () => {
  expect(displayDate("1981-04-11")).toBe("04/11/1981");
  expect(displayDate(null)).toBe("unknown");
  expect(personalName("SKYWALKER,LUKE S")).toBe("Luke S Skywalker");
  expect(personalName("MAUL, DARTH")).toBe("Darth Maul");
  expect(slug("GROUCH,OSCAR THE")).toBe("grouch-oscar-the");
  expect(slug("???")).toBe("x");
});
