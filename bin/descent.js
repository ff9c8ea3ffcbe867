#!/usr/bin/env -S node --import tsx
// The package bin: the same CLI as `npm run -s cli`, run through tsx so no build step is needed.
import "../src/cli/index.ts";
