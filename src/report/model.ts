import type { StageTiming } from '../db/types';
import type { FidelityReport } from './fidelity';
import type { ColumnComparison } from './profile';

/** Everything report.html shows; built by the pipeline, rendered by Eta. */
export interface ReportModel {
  runId: string;
  /** Argument name to the value used, for display. */
  arguments: Record<string, string>;
  seed: string;
  config: { name: string; hash: string };
  files: ReportFile[];
  relations: RelationResult[];
  /** Scores of how closely the mock follows the sample; see fidelity.ts. */
  fidelity: FidelityReport;
  stages: StageTiming[];
  toolVersion: string;
}

export interface ReportFile {
  role: string;
  sampleName: string;
  days: { day: string; name: string; rows: number; bytes: number }[];
  columns: ColumnComparison[];
}

/** A declared relation checked on every generated row of a file. */
export interface RelationResult {
  file: string;
  name: string;
  description: string;
  checked: number;
  held: number;
}
