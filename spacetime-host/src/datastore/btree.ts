import sortedBtree from 'sorted-btree';

/*
 * sorted-btree is CommonJS with `exports.default = BTree`. Node's ESM loader
 * (and tsc under NodeNext) hand back the whole `module.exports` as the
 * default import, while Vitest and bundlers hand back the class itself.
 */
type BTreeClass = typeof sortedBtree.default;
const loaded = sortedBtree as unknown as BTreeClass & { default?: BTreeClass };

export const BTree: BTreeClass = loaded.default ?? loaded;
export type BTree<K, V> = import('sorted-btree').default<K, V>;
