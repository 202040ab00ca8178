import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_DATASET = 'telco-customer-churn.csv';

const README = `# Sample workspace: telco customer churn

\`data/${SAMPLE_DATASET}\` is IBM's "Telco Customer Churn" sample: 7,043 customers
of a telecom, 21 columns, one row each. \`Churn\` (Yes/No) is the label, about 26.5% Yes.

Known quirk: \`TotalCharges\` is numeric except for 11 blank values (customers with
tenure 0). Drop \`customerID\` before training.
`;

/**
 * Makes the sample workspace's folder with the sample dataset in it. Files that
 * are already there are left alone, so the user's edits survive.
 */
export function writeSampleWorkspace(path: string, resourcesDir: string): void {
  mkdirSync(join(path, 'data'), { recursive: true });
  const dataset = join(path, 'data', SAMPLE_DATASET);
  if (!existsSync(dataset)) copyFileSync(join(resourcesDir, 'sample-data', SAMPLE_DATASET), dataset);
  const readme = join(path, 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, README);
}
