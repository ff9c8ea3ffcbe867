import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realTutorFactory } from "./discord/real-tutor.ts";
import type { PostedMessage, TestUser } from "./scenarios.ts";
import { SlackPlatformDriver } from "./slack/platform-driver.ts";

// A class taking a quiz at once through Slack's HTTP receiver: every request signed, every click
// answered, and every score equal to the verdicts the students were shown.

const STUDENTS = 60;
const TOPICS = ["gd", "momentum", "adagrad", "adam"];
const SCORE = /Your score: (\d+)\/(\d+)/;
const RIGHT = /✅/;
const WRONG = /❌/;

interface Outcome {
  user: TestUser;
  verdicts: boolean[];
  score: number;
  total: number;
}

/** Answers every question with a choice picked by the student's number, then moves on. */
async function takeQuiz(driver: SlackPlatformDriver, user: TestUser, index: number): Promise<Outcome> {
  let message: PostedMessage = await driver.command(user, "quiz", {
    topic: TOPICS[index % TOPICS.length] as string,
  });
  const verdicts: boolean[] = [];
  for (let step = 0; step < 20; step++) {
    const score = SCORE.exec(message.text);
    if (score) return { user, verdicts, score: Number(score[1]), total: Number(score[2]) };
    const buttons = message.buttons.flat().filter((button) => !button.disabled);
    const next = buttons.find((button) => /next|score|result/i.test(button.label));
    if (next) {
      message = await driver.clickId(user, message, next.id);
      continue;
    }
    const choice = buttons[(index + step) % buttons.length];
    if (!choice) throw new Error(`no button for ${user.name}: ${message.text.slice(0, 120)}`);
    message = await driver.clickId(user, message, choice.id);
    if (RIGHT.test(message.text)) verdicts.push(true);
    else if (WRONG.test(message.text)) verdicts.push(false);
    else throw new Error(`no verdict after ${user.name}'s answer: ${message.text.slice(0, 120)}`);
  }
  throw new Error(`${user.name}'s quiz never ended`);
}

describe("Slack: a class answering at once over HTTP", () => {
  const driver = new SlackPlatformDriver(() => factory());
  let factory: Awaited<ReturnType<typeof realTutorFactory>>;
  const students: TestUser[] = Array.from({ length: STUDENTS }, (_, i) => ({
    id: `U${String(i).padStart(8, "0")}`,
    name: `student${i}`,
  }));

  beforeAll(async () => {
    factory = await realTutorFactory({ warm: true });
    await driver.start();
  }, 240_000);
  afterAll(() => driver.stop());

  it("GIVEN 60 students each taking a 4-question quiz concurrently THEN every score equals the verdicts shown and the progress agrees", async () => {
    const outcomes = await Promise.all(students.map((user, i) => takeQuiz(driver, user, i)));
    for (const outcome of outcomes) {
      expect(outcome.verdicts).toHaveLength(4);
      expect(outcome.total).toBe(4);
      expect(outcome.score).toBe(outcome.verdicts.filter(Boolean).length);
    }
    // Each student's own record, read back through the bot, holds the same score.
    const progress = await Promise.all(students.map((user) => driver.command(user, "progress")));
    progress.forEach((message, i) => {
      const outcome = outcomes[i] as Outcome;
      expect(message.text).toContain(`${outcome.score}/4`);
    });
    expect(driver.warnings()).toEqual([]);
  }, 240_000);
});
