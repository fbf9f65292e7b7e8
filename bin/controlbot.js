#!/usr/bin/env node

// The `controlbot` command. Runs the compiled CLI; `npm install` builds it (the prepare script).
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'controlbot: not built yet. Run `npm run build` (npm install does it) in the controlbot folder.\n',
  );
  process.exit(1);
}
require(entry)
  .runCli(process.argv, process.env)
  .then((code) => {
    process.exitCode = code;
  });
