#!/usr/bin/env node
// The `yishi` admin CLI: runs bot/cli.ts through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
process.argv[1] = new URL('../bot/cli.ts', import.meta.url).pathname;
await import('../bot/cli.ts');
