import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The e2e files each run bot processes and render workers of their own: one test file per two
    // cores keeps them from starving each other (and the machine's other work).
    maxWorkers: Math.max(1, Math.floor(availableParallelism() / 2)),
    // Safety nets for a busy machine, not speed targets: those live in `npm run bench`.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
