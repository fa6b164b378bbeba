// Crash-test child: appends crash-test transactions to a FileDurability until killed, printing
// each txOffset only after its append resolved (i.e. was synced), and snapshotting now and then.
// Usage: node --import tsx append-loop.ts <databaseDir>
import { FileDurability } from '../../src/durability/file-durability.js';
import { crashState, crashTx } from './durability-fixtures.js';

const IN_FLIGHT = 32;
const SNAPSHOT_EVERY = 1500n;

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: append-loop.ts <databaseDir>');

const durability = new FileDurability(dir, { maxSegmentBytes: 64 * 1024, keepSnapshots: 2 });
const recovered = await durability.recover();
let last = recovered.snapshot?.state.txOffset ?? 0n;
for await (const tx of recovered.transactions) last = tx.txOffset;
let next = last + 1n;

const die = (error: unknown) => {
  console.error(error);
  process.exit(1);
};

async function appendForever(): Promise<void> {
  for (;;) {
    const txOffset = next++;
    await durability.append(crashTx(txOffset));
    // Writes to a pipe are synchronous in Node on Linux: once written, the parent can read it.
    process.stdout.write(`${txOffset}\n`);
    if (txOffset % SNAPSHOT_EVERY === 0n) {
      // The state as of the last *appended* transaction, like a datastore export.
      const at = next - 1n;
      durability.snapshot(crashState(at), 'crash-module').catch(die);
    }
  }
}

process.stdout.write(`ready ${next}\n`);
for (let i = 0; i < IN_FLIGHT; i++) appendForever().catch(die);
