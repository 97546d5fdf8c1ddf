#!/usr/bin/env node
import { createPromptpack } from '../dist/index.js';

process.exitCode = await createPromptpack(process.argv.slice(2));
