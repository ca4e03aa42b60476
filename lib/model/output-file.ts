/** A file of the synthesized output: its path relative to an output folder, and its exact content. */
export interface OutputFile {
  /** The path relative to the output folder, `/`-separated or in the platform's form. */
  readonly path: string;
  /** The exact content written. */
  readonly content: string;
}
