import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileSystemMessage } from "./boundary.ts";
import { cli, fixtureRunArgs } from "./testing.ts";

describe("file-system errors", () => {
  it("names the path, what was being done and why, for errors the user can fix", () => {
    const err = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      syscall: "write",
      path: "/out/All_Results.csv.partial",
    });
    expect(fileSystemMessage(err)).toBe(
      "cannot write /out/All_Results.csv.partial: the disk is full (ENOSPC)",
    );
    const rename = Object.assign(new Error("x"), {
      code: "EACCES",
      syscall: "rename",
      path: "/a",
      dest: "/b",
    });
    expect(fileSystemMessage(rename)).toBe("cannot rename /a to /b: permission denied (EACCES)");
  });

  it("leaves other errors to the internal-error path", () => {
    expect(fileSystemMessage(new Error("boom"))).toBeUndefined();
    expect(
      fileSystemMessage(Object.assign(new Error("x"), { code: "ERR_INVALID_ARG_TYPE" })),
    ).toBeUndefined();
    expect(fileSystemMessage(Object.assign(new Error("x"), { code: "EIO", path: "/a" }))).toBeUndefined();
    expect(fileSystemMessage(undefined)).toBeUndefined();
  });

  it("clearance run with a file in the way of the output folder: exit 1 and a message, not an internal error", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-fs-"));
    const file = path.join(dir, "not-a-folder");
    await writeFile(file, "x");
    const r = await cli(fixtureRunArgs(path.join(file, "out")));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `clearance: cannot create the folder ${path.join(file, "out")}: a file is in the way where a folder is needed (ENOTDIR)\n`,
    );
    expect(await readdir(dir)).toEqual(["not-a-folder"]);
  });
});
