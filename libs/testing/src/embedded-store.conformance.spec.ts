import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '@prefstream/clickhouse';
import { describeStoreConformance } from './store-conformance';

describeStoreConformance('embedded (chdb)', async () => new EmbeddedStore(fs.mkdtempSync(path.join(os.tmpdir(), 'store-embedded-'))));
