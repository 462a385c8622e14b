#!/usr/bin/env node
import { runCli } from '../dist/harness/cli/run-cli.js';

await runCli();
