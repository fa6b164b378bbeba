/**
 * Orders strings by their UTF-8 bytes, as Rust's `Ord` on `str` does, so
 * generated code lists names in the order `spacetime generate` lists them
 * (`Zebra` before `apple`).
 */
export function compareBytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
