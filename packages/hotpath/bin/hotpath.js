#!/usr/bin/env node
// Committed shim: the compiled CLI lives in dist/ (built by `npm ci` through the root prepare script).
import '../dist/src/cli/main.js';
