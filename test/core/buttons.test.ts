import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.ts";
import { LESSON_BUTTON } from "../../commands/lesson.ts";
import { QUIZ_BUTTONS } from "../../commands/quiz/view.ts";
import { buttonId, FIELDS, onButton, ownerOf } from "../../src/core/buttons.ts";
import { defineCommand } from "../../src/core/command.ts";
import { BUTTON_ID_MAX } from "../../src/core/layout.ts";
import { textReply } from "../../src/core/reply.ts";
import { harness, student } from "./fakes.ts";

const SESSION = "0123456789ab";

describe("button ids", () => {
  it("GIVEN every quiz and lesson id THEN it survives encode → parse and fits the id limit", () => {
    const cases: Array<[{ encode(d: never): string; parse(id: string): unknown }, object]> = [
      [LESSON_BUTTON, { lessonId: "adam", owner: ownerOf(student("ada")) }],
      [QUIZ_BUTTONS.start, { quizId: "final" }],
      [QUIZ_BUTTONS.answer, { sessionId: SESSION, question: 3, choice: 2 }],
      [QUIZ_BUTTONS.next, { sessionId: SESSION, question: 9 }],
      [QUIZ_BUTTONS.resume, { sessionId: SESSION }],
      [QUIZ_BUTTONS.restart, { sessionId: SESSION, quizId: "rmsprop" }],
    ];
    for (const [kind, data] of cases) {
      const id = kind.encode(data as never);
      expect(id.length).toBeLessThanOrEqual(BUTTON_ID_MAX);
      expect(kind.parse(id)).toEqual(data);
    }
  });

  it("GIVEN malformed or forged ids THEN parsing declines them", () => {
    const bad = [
      "",
      "qa",
      `qa:${SESSION}:1`,
      `qa:${SESSION}:1:2:3`,
      "qa:XYZ:1:2",
      `qa:${SESSION}:-1:2`,
      `qa:${SESSION}:1:200`,
      `qa:${SESSION}:1:2e0`,
      `qn:${SESSION}:1`.replace("qn", "qa"),
    ];
    for (const id of bad) expect(QUIZ_BUTTONS.answer.parse(id), id).toBeUndefined();
    expect(LESSON_BUTTON.parse("l:../../etc:someone")).toBeUndefined();
    expect(LESSON_BUTTON.parse("l:adam")).toBeUndefined();
    expect(QUIZ_BUTTONS.start.parse("qs:Adam Quiz")).toBeUndefined();
    expect(QUIZ_BUTTONS.start.parse(`qs:${"a".repeat(120)}`)).toBeUndefined();
  });

  it("GIVEN data that cannot be encoded safely THEN encoding throws (a bug, caught in tests)", () => {
    expect(() => QUIZ_BUTTONS.start.encode({ quizId: "has:colon" })).toThrow(/malformed/);
    const long = buttonId("zz", { text: FIELDS.contentId, more: FIELDS.contentId, again: FIELDS.contentId });
    const forty = "a".repeat(40);
    expect(() => long.encode({ text: forty, more: forty, again: forty })).toThrow(/longer than 100/);
  });

  it("GIVEN two students THEN their owner marks differ, and each is a fixed 16 hex characters", () => {
    const ada = ownerOf(student("ada"));
    expect(ada).toMatch(/^[0-9a-f]{16}$/);
    expect(ownerOf(student("bob"))).not.toBe(ada);
  });
});

describe("button routing", () => {
  const echo = buttonId("ec", { word: FIELDS.contentId });
  const command = defineCommand({
    declaration: { name: "echo", description: "Echo", options: [] },
    execute: async () => textReply("echo"),
    buttons: [onButton(echo, async (data) => textReply(`clicked ${data.word}`))],
  });

  it("GIVEN a new command that declares a button THEN the core routes its clicks by tag, parsed", async () => {
    const { tutor } = harness({ commands: [...COMMANDS, command] });
    const reply = await tutor.click(echo.encode({ word: "adam" }), student("ada"));
    expect(reply.text).toBe("clicked adam");
  });

  it("GIVEN an id with a known tag that does not parse, or one over the id limit THEN it is declined", async () => {
    const { tutor } = harness({ commands: [...COMMANDS, command] });
    for (const id of ["ec:Not Valid", "ec:adam:extra", `ec:${"a".repeat(BUTTON_ID_MAX)}`]) {
      const reply = await tutor.click(id, student("ada"));
      expect(reply.text, id).toMatch(/isn't one I recognise/);
    }
  });

  it("GIVEN two commands that declare the same tag THEN building the tutor fails loudly", () => {
    const clash = defineCommand({ ...command, declaration: { ...command.declaration, name: "other" } });
    expect(() => harness({ commands: [...COMMANDS, command, clash] })).toThrow(/button tag "ec"/);
  });
});
