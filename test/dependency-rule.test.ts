import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The dependency rule: commands/ imports only the core, and reaches the store only through the
 * services (src/core/services.ts); the core imports no adapter, no platform SDK and never the
 * commands folder (the composition root, src/main.ts, hands the commands in); each adapter imports
 * the core plus at most one SDK. No module reaches itself through its imports.
 */

const root = path.join(import.meta.dirname, "..");
const SDKS = ["discord.js", "@discordjs/", "@slack/"];

function files(dir: string): string[] {
  const full = path.join(root, dir);
  return readdirSync(full).flatMap((name) => {
    const entry = path.join(full, name);
    const relative = path.join(dir, name);
    if (statSync(entry).isDirectory()) return files(relative);
    return name.endsWith(".ts") ? [relative] : [];
  });
}

/** Every module specifier in static imports, re-exports and dynamic imports. */
function imports(file: string): string[] {
  const source = readFileSync(path.join(root, file), "utf8");
  const found = [...source.matchAll(/(?:^|\s)(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)].map(
    (m) => m[1] ?? "",
  );
  found.push(...[...source.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? ""));
  found.push(...[...source.matchAll(/^import\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? ""));
  return found;
}

/** A relative import resolved to a path from the repository root. */
function target(file: string, specifier: string): string {
  return specifier.startsWith(".")
    ? path.relative(root, path.resolve(root, path.dirname(file), specifier))
    : specifier;
}

const sdkOf = (specifier: string) => SDKS.find((sdk) => specifier === sdk || specifier.startsWith(sdk));

describe("dependency rule", () => {
  it("GIVEN commands/ THEN it imports only the core (never its store) and node built-ins", () => {
    for (const file of files("commands")) {
      for (const specifier of imports(file)) {
        const resolved = target(file, specifier);
        expect(resolved.startsWith("src/core/store/"), `${file} reaches into the store: ${specifier}`).toBe(
          false,
        );
        const ok =
          resolved.startsWith("src/core/") ||
          resolved.startsWith("commands/") ||
          specifier.startsWith("node:");
        expect(ok, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it("GIVEN src/core THEN no adapter, no platform SDK and no command", () => {
    for (const file of files("src/core")) {
      for (const specifier of imports(file)) {
        const resolved = target(file, specifier);
        expect(sdkOf(specifier), `${file} imports ${specifier}`).toBeUndefined();
        expect(resolved.startsWith("src/adapters/"), `${file} imports ${specifier}`).toBe(false);
        expect(resolved.startsWith("commands/"), `${file} imports ${specifier}`).toBe(false);
      }
    }
  });

  it("GIVEN each adapter THEN it imports the core plus at most one SDK, never another adapter", () => {
    for (const adapter of readdirSync(path.join(root, "src/adapters"))) {
      const sdks = new Set<string>();
      for (const file of files(path.join("src/adapters", adapter))) {
        for (const specifier of imports(file)) {
          const resolved = target(file, specifier);
          const sdk = sdkOf(specifier);
          if (sdk)
            sdks.add(sdk === "@discordjs/" ? "discord.js" : specifier.split("/").slice(0, 2).join("/"));
          if (resolved.startsWith("src/adapters/")) {
            expect(
              resolved.startsWith(path.join("src/adapters", adapter)),
              `${file} imports ${specifier}`,
            ).toBe(true);
          }
          expect(resolved.startsWith("commands/"), `${file} imports ${specifier}`).toBe(false);
        }
      }
      expect(sdks.size, `${adapter} uses ${[...sdks].join(", ")}`).toBeLessThanOrEqual(1);
      // The scan must actually see the SDK where there is one.
      if (adapter === "discord") expect([...sdks]).toEqual(["discord.js"]);
      if (adapter === "slack") expect([...sdks]).toEqual(["@slack/bolt"]);
    }
  });

  it("GIVEN every source folder THEN no import cycle", () => {
    const sources = ["src", "commands", "scripts", "bench"].flatMap((dir) => files(dir));
    const known = new Set(sources);
    const edges = new Map(
      sources.map((file) => [
        file,
        imports(file)
          .filter((specifier) => specifier.startsWith("."))
          .map((specifier) => target(file, specifier))
          .filter((resolved) => known.has(resolved)),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const next of edges.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of sources) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
