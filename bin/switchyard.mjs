#!/usr/bin/env node
// The `switchyard` command: the CLI is TypeScript, run through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
