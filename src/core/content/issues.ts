import type { z } from "zod";
import { fieldPath } from "./errors.ts";

/** A zod issue as a content problem: the field, what is wrong, and how to fix it. */
export function describeIssue(
  issue: z.core.$ZodIssue,
  prefix: readonly PropertyKey[] = [],
): {
  field: string;
  problem: string;
  fix: string;
} {
  const field = fieldPath([...prefix, ...issue.path]);
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? { field, problem: "is missing.", fix: `add ${field || "it"} (${issue.expected}).` }
        : {
            field,
            problem: `should be ${issue.expected}.`,
            fix: `write ${field} as ${article(issue.expected)}.`,
          };
    case "too_big":
      return {
        field,
        problem: `is too long or too large (${issue.message.replace(/^Too big: /, "")}).`,
        fix: `keep it at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : ""}.`,
      };
    case "too_small":
      return {
        field,
        problem: `is too short or too small (${issue.message.replace(/^Too small: /, "")}).`,
        fix: `make it at least ${String(issue.minimum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : ""}.`,
      };
    case "invalid_value":
      return {
        field,
        problem: "is not an allowed value.",
        fix: `use one of: ${issue.values.map(String).join(", ")}.`,
      };
    case "unrecognized_keys":
      return {
        field: fieldPath([...prefix, ...issue.path, ...(issue.keys.length === 1 ? issue.keys : [])]),
        problem: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}.`,
        fix: "remove it or check its spelling against the README's content reference.",
      };
    case "invalid_format":
      return { field, problem: "has the wrong format.", fix: `${issue.message}.` };
    case "invalid_union":
      return {
        field,
        problem: "does not match any allowed form.",
        fix: "see the README's content reference for the forms this field takes (e.g. optimizer:adam).",
      };
    default:
      return { field, problem: `${issue.message}.`, fix: "correct the value as the message says." };
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
