// Writes database-schema.ts from the migrations: runs them on an empty
// in-memory PGlite and renders the tables they create.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { renderSchemaTypes } from './render-schema-types.js';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'database-schema.ts');
const opened = await openDatabase({ kind: 'pglite', dataDir: undefined });
try {
  await migrateToLatest(opened.db);
  await writeFile(target, await renderSchemaTypes(opened.db));
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
} finally {
  await opened.close();
}
