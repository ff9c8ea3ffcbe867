import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { inviteUrl } from "../../../src/adapters/discord/invite.ts";

describe("inviteUrl", () => {
  const url = new URL(inviteUrl("123456789012345678"));

  it("GIVEN an app id THEN it asks for exactly the bot and applications.commands scopes", () => {
    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("client_id")).toBe("123456789012345678");
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
  });

  it("GIVEN the bot's needs THEN permissions are view, send, embed links and attach files, nothing more", () => {
    const expected =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.AttachFiles;
    expect(BigInt(url.searchParams.get("permissions") ?? "0")).toBe(expected);
  });
});
