// The one file that imports the chat fixture's generated bindings. It is
// type-checked under Bundler resolution (test/realtime/tsconfig.json), where
// the `spacetimedb` types resolve, and not under the host's NodeNext settings;
// sdk-client.ts loads it at run time. The annotation below is the check that
// the bindings offer what the tests declare in chat-connection.ts.
import { DbConnection } from '../module_bindings/index.js';
import type { ChatConnectionBuilder } from './chat-connection.js';

export const chatConnectionBuilder = (): ChatConnectionBuilder => DbConnection.builder();
