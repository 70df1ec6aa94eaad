#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/ by `npm run build`, which npm runs on install.
require('../dist/cli.js');
