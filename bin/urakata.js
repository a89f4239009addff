#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx urakata` works on a fresh clone without a build.
import { register } from 'tsx/esm/api';

register();
await import('../cli/run.ts');
