/**
 * Renders report.html: one self-contained page (inline CSS and SVG, no
 * script, no external URL) that can be opened from disk or an S3 bucket.
 */

import { Eta } from 'eta';

import type { ReportModel } from './model';
import chartTemplate from './templates/chart.eta';
import fidelityTemplate from './templates/fidelity.eta';
import fileTemplate from './templates/file.eta';
import relationsTemplate from './templates/relations.eta';
import reportTemplate from './templates/report.eta';
import scoresTemplate from './templates/scores.eta';
import stagesTemplate from './templates/stages.eta';
import styleTemplate from './templates/style.eta';
import { reportView } from './view';

// The templates arrive as text (bundled by esbuild), so Eta never reads the
// disk; names start with @ because that is how Eta resolves loaded ones.
const TEMPLATES: Record<string, string> = {
  '@report': reportTemplate,
  '@file': fileTemplate,
  '@chart': chartTemplate,
  '@fidelity': fidelityTemplate,
  '@scores': scoresTemplate,
  '@relations': relationsTemplate,
  '@stages': stagesTemplate,
  '@style': styleTemplate,
};

let eta: Eta | null = null;

function engine(): Eta {
  if (eta) return eta;

  const created = new Eta({ autoEscape: true });
  for (const [name, text] of Object.entries(TEMPLATES)) {
    created.loadTemplate(name, text);
  }
  eta = created;
  return created;
}

/**
 * Renders the whole report as an HTML document. Every value from the model
 * (names, cell values, arguments) is escaped, so markup in a CSV shows as
 * text.
 *
 * @throws EtaError when a template fails, which means a bug here rather
 *   than bad input.
 */
export function renderReport(model: ReportModel): string {
  return engine().render('@report', reportView(model));
}
