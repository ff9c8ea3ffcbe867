import { describe, expect, it } from "vitest";
import { BUTTON_ID_MAX, type ButtonAction, encodeButton, parseButton } from "../../src/core/buttons.ts";

const actions: ButtonAction[] = [
  { kind: "lesson", lessonId: "adam", owner: "100000000000000001" },
  { kind: "quiz-start", quizId: "final" },
  { kind: "answer", sessionId: "0123456789ab", question: 3, choice: 2 },
  { kind: "next", sessionId: "0123456789ab", question: 9 },
  { kind: "resume", sessionId: "0123456789ab" },
  { kind: "restart", sessionId: "0123456789ab", quizId: "rmsprop" },
  { kind: "recommend", path: "" },
  { kind: "recommend", path: "tsl" },
];

describe("button ids", () => {
  it("GIVEN every kind of action THEN it survives encode → parse and fits the 100-character limit", () => {
    for (const action of actions) {
      const id = encodeButton(action);
      expect(id.length).toBeLessThanOrEqual(BUTTON_ID_MAX);
      expect(parseButton(id)).toEqual(action);
    }
  });

  it("GIVEN malformed or forged ids THEN parsing declines them", () => {
    const bad = [
      "",
      "qa",
      "qa:0123456789ab:1",
      "qa:0123456789ab:1:2:3",
      "qa:XYZ:1:2",
      "qa:0123456789ab:-1:2",
      "qa:0123456789ab:1:200",
      "zz:adam",
      "l:../../etc:someone",
      "l:adam",
      "qs:Adam Quiz",
      "rc:xyz123",
      `qs:${"a".repeat(120)}`,
    ];
    for (const id of bad) expect(parseButton(id), id).toBeUndefined();
  });

  it("GIVEN an action that cannot be encoded safely THEN encoding throws (a bug, caught in tests)", () => {
    expect(() => encodeButton({ kind: "quiz-start", quizId: "has:colon" })).toThrow(/malformed/);
    expect(() => encodeButton({ kind: "lesson", lessonId: "adam", owner: "x".repeat(200) })).toThrow();
  });
});
