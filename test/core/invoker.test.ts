import { describe, expect, it } from "vitest";
import { invoker } from "../../src/core/invoker.ts";

describe("invoker", () => {
  it("GIVEN several names THEN the first that is not blank is used", () => {
    expect(
      invoker("slack", { userId: "U1", names: [undefined, " ", "alice", "al"], communityId: "T1" }),
    ).toEqual({
      platform: "slack",
      userId: "U1",
      userName: "alice",
      communityId: "T1",
    });
  });

  it("GIVEN no usable name and no community THEN the user id stands in for the name, and it is a DM (null)", () => {
    expect(invoker("discord", { userId: "42", names: [null, ""] })).toEqual({
      platform: "discord",
      userId: "42",
      userName: "42",
      communityId: null,
    });
  });
});
