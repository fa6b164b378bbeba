/** One file of generated bindings: its path relative to the output folder (`/`-separated) and text. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}
