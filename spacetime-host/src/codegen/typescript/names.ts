import { convertCase } from '../../schema/case-conversion.js';

/*
 * Generated file and identifier names, as crates/codegen/src/typescript.rs
 * derives them from accessor names (convert_case semantics).
 */

export const pascal = (name: string) => convertCase(name, 'pascal');
export const camel = (name: string) => convertCase(name, 'camel');
const snake = (name: string) => convertCase(name, 'snake');

/** `userProfile` → `user_profile_table` (views too). */
export const tableModuleName = (accessor: string) => `${snake(accessor)}_table`;
export const reducerModuleName = (accessor: string) => `${snake(accessor)}_reducer`;
export const procedureModuleName = (accessor: string) => `${snake(accessor)}_procedure`;

/** The import name of a reducer's argument schema: `send_message` → `SendMessageReducer`. */
export const reducerArgsName = (accessor: string) => `${pascal(accessor)}Reducer`;
export const procedureArgsName = (accessor: string) => `${pascal(accessor)}Procedure`;
/** The import name of a table's or view's row schema. */
export const rowName = (accessor: string) => `${pascal(accessor)}Row`;
