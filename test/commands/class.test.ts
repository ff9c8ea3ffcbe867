import { describe, expect, it } from "vitest";
import { declaration } from "../../commands/class.ts";
import { parseCommandText } from "../../src/core/command-line.ts";
import { isInstructor } from "../../src/core/instructors.ts";
import { classSettingsService } from "../../src/core/services.ts";
import type { TutorStore } from "../../src/core/store/store.ts";
import type { Invoker } from "../../src/core/tutor-api.ts";
import { harness, student } from "../core/fakes.ts";

/** A Discord member as the adapter describes them: Manage Server or not, and their roles. */
function member(userId: string, { manager = false, roles = [] as string[] } = {}): Invoker {
  return { ...student(userId), canManageCommunity: async () => manager, roleIds: roles };
}

function slackUser(userId: string, admin = false): Invoker {
  return { ...student(userId, "T1", "slack"), canManageCommunity: async () => admin };
}

describe("the instructor role", () => {
  it("GIVEN a Discord member with Manage Server THEN an instructor; without it and with no role THEN not", async () => {
    const { store } = harness();
    const services = { classSettings: settingsOf(store) };
    expect(await isInstructor(member("boss", { manager: true }), services)).toBe(true);
    expect(await isInstructor(member("kid"), services)).toBe(false);
    expect(await isInstructor(student("no-permissions-known"), services)).toBe(false);
  });

  it("GIVEN a manager sets the instructor role THEN members with it are instructors, others still not", async () => {
    const { tutor, store } = harness();
    const boss = member("boss", { manager: true });
    const set = await tutor.run("class", { subcommand: "instructor-role", role: "<@&555>" }, boss);
    expect(set.text).toContain("<@&555>");
    expect(set.private).toBe(true);
    const services = { classSettings: settingsOf(store) };
    expect(await isInstructor(member("ta", { roles: ["555"] }), services)).toBe(true);
    expect(await isInstructor(member("kid", { roles: ["777"] }), services)).toBe(false);
  });

  it("GIVEN someone without Manage Server sets the role THEN a friendly refusal that says who can, and nothing changes", async () => {
    const { tutor, store } = harness();
    const refusal = await tutor.run("class", { subcommand: "instructor-role", role: "555" }, member("kid"));
    expect(refusal.private).toBe(true);
    expect(refusal.text).toContain("Manage Server");
    const services = { classSettings: settingsOf(store) };
    expect(await isInstructor(member("kid", { roles: ["555"] }), services)).toBe(false);
  });

  it("GIVEN a Slack admin adds a user THEN that user is an instructor; a non-admin cannot add or list", async () => {
    const { tutor, store } = harness();
    const admin = slackUser("UADMIN", true);
    const added = await tutor.run(
      "class",
      { subcommand: "instructors", action: "add", user: "<@U0TA|ta>" },
      admin,
    );
    expect(added.text).toContain("<@U0TA> is an instructor now");
    const services = { classSettings: settingsOf(store) };
    expect(await isInstructor(slackUser("U0TA"), services)).toBe(true);
    expect(await isInstructor(slackUser("UKID"), services)).toBe(false);
    const refused = await tutor.run(
      "class",
      { subcommand: "instructors", action: "add", user: "<@UKID>" },
      slackUser("UKID"),
    );
    expect(refused.text).toContain("workspace owners and admins");
    expect(await isInstructor(slackUser("UKID"), services)).toBe(false);
    const list = await tutor.run("class", { subcommand: "instructors", action: "list" }, slackUser("UKID"));
    expect(list.text).toMatch(/^Only instructors can/);
    expect(list.text).toContain("workspace owners and admins");
  });

  it("GIVEN an added instructor is removed THEN they are not an instructor any more", async () => {
    const { tutor, store } = harness();
    const admin = slackUser("UADMIN", true);
    await tutor.run("class", { subcommand: "instructors", action: "add", user: "U0TA" }, admin);
    const removed = await tutor.run(
      "class",
      { subcommand: "instructors", action: "remove", user: "U0TA" },
      admin,
    );
    expect(removed.text).toContain("is not an added instructor now");
    expect(await isInstructor(slackUser("U0TA"), { classSettings: settingsOf(store) })).toBe(false);
  });

  it("GIVEN the terminal THEN its one user is the instructor", async () => {
    const { store } = harness();
    const local = student("me", "local", "console");
    expect(await isInstructor(local, { classSettings: settingsOf(store) })).toBe(true);
  });

  it("GIVEN a person option that is not a mention THEN a clear message and nothing saved", async () => {
    const { tutor } = harness();
    const admin = slackUser("UADMIN", true);
    const reply = await tutor.run(
      "class",
      { subcommand: "instructors", action: "add", user: "two words" },
      admin,
    );
    expect(reply.text).toContain("**user** must be a person");
    const list = await tutor.run("class", { subcommand: "instructors", action: "list" }, admin);
    expect(list.text).toContain("nobody added by hand yet");
  });

  it("GIVEN an unknown subcommand THEN the ones there are", async () => {
    const reply = await harness().tutor.run(
      "class",
      { subcommand: "launch" },
      member("boss", { manager: true }),
    );
    expect(reply.text).toContain("`/class instructor-role`");
    expect(reply.text).toContain("`/class instructors`");
  });

  it("GIVEN Slack text `instructors add <@U1|ann>` THEN the subcommand and its options", () => {
    expect(parseCommandText(declaration, "instructors add <@U1|ann>")).toEqual({
      ok: true,
      options: { subcommand: "instructors", action: "add", user: "<@U1|ann>" },
    });
  });
});

/** The class settings the tutor saved, read from the harness's store. */
function settingsOf(store: TutorStore) {
  return classSettingsService(store, () => new Date());
}
