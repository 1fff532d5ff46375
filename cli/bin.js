#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so that a fresh clone needs no build step after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('./evolverec.ts');
