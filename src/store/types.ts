/**
 * Where samples and configs are read from and mock runs written to. A run
 * is written privately and published whole, or aborted leaving nothing.
 */
export interface OutputFile {
  /** Resolves once the chunk is accepted (back-pressure respected). */
  write(chunk: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface RunOutput {
  /** Where a file of the run will be once published. */
  locate(relativePath: string): string;
  /** Where the run's folder will be once published. */
  readonly location: string;
  create(relativePath: string): Promise<OutputFile>;
  /** Makes the whole run visible at its final place. */
  publish(): Promise<void>;
  /** Removes everything the run wrote. Safe to call more than once. */
  abort(): Promise<void>;
}

export interface Store {
  begin(runId: string): Promise<RunOutput>;
}

/** Reads the text of a sample or config by path or URI. */
export type ReadText = (location: string) => Promise<string>;

/** Reads the bytes of a sample by path or URI. */
export type ReadBytes = (location: string) => Promise<Uint8Array>;
