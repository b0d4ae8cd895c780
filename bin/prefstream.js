#!/usr/bin/env node
// Convenience entry for `node bin/prefstream.js ...`; `npx prefstream` uses apps/pipeline/bin/prefstream.js.
require('../apps/pipeline/bin/prefstream.js');
