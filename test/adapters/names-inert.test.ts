import { describe, expect, it } from "vitest";
import { toDiscordMessage } from "../../src/adapters/discord/message.ts";
import { fallbackText, replyToBlocks } from "../../src/adapters/slack/blocks.ts";
import { harness, playQuiz, student } from "../core/fakes.ts";

/**
 * What the platforms turn into a link on their own: Discord any `http(s)://…`; Slack also any
 * `scheme://…`, `www.…`, a bare domain (`evil.example`) and an e-mail address.
 */
const LINKABLE = /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/i;

const NAMES = [
  "https://evil.example/login",
  "www.evil.example",
  "visit evil.example",
  "ftp://x/y",
  "me@evil.example",
];

describe("display names on the public leaderboard are inert text", () => {
  it("GIVEN students named like links THEN neither the Discord nor the Slack rendering of the board holds a link", async () => {
    const { tutor } = harness();
    for (const name of NAMES) {
      const who = { ...student(`id-${name.length}-${name[0]}`, "guild-1"), userName: name };
      await playQuiz(tutor, who, await tutor.run("quiz", { topic: "alpha" }, who), 3);
    }
    const board = await tutor.run("leaderboard", { period: "week" }, student("viewer", "guild-1"));
    expect(board.private).toBe(false);
    // Every name is on the board, looking as typed.
    expect(board.text.split("\n").filter((line) => /point/.test(line))).toHaveLength(NAMES.length);
    expect(board.text).toContain("https\u2236//evil\u2024example/login");

    const discord = toDiscordMessage(board);
    const embedText = discord.embeds.map((embed) => JSON.stringify(embed)).join("\n");
    expect(embedText).not.toMatch(LINKABLE);

    const slack = replyToBlocks(board);
    expect(JSON.stringify(slack.blocks)).not.toMatch(LINKABLE);
    expect(fallbackText(board)).not.toMatch(LINKABLE);
  });
});
