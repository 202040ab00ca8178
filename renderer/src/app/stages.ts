/** The workflow stages of the navigation rail, in the order a project moves through them. */
export const stages = [
  {
    id: 'data',
    label: 'Data',
    title: 'Data',
    purpose: 'Add CSV, Parquet and JSON files, query them with SQL in an embedded DuckDB, and profile and chart their columns. Nothing is uploaded anywhere.',
  },
  {
    id: 'notebooks',
    label: 'Notebooks',
    title: 'Notebooks',
    purpose: 'Open, edit and run .ipynb notebooks on Jupyter kernels on this machine or on a remote server.',
  },
  {
    id: 'sourceControl',
    label: 'Source Control',
    title: 'Source control',
    purpose: "Status, diffs, commits, history and branches for the workspace's code. Data and models stay out of git.",
  },
  {
    id: 'experiments',
    label: 'Experiments',
    title: 'Experiments',
    purpose: 'Build transformer pipelines, train and evaluate models, search hyperparameters and compare runs.',
  },
  {
    id: 'models',
    label: 'Models',
    title: 'Models',
    purpose: "Package models as ONNX in MLflow's format in a local registry that can sync with a shared MLflow registry.",
  },
  {
    id: 'serving',
    label: 'Serving',
    title: 'Serving',
    purpose: 'Serve a registered model from a local endpoint, or score a file in batch.',
  },
  {
    id: 'monitoring',
    label: 'Monitoring',
    title: 'Monitoring',
    purpose: 'Drift and model-quality reports, reviewed here, that can trigger retraining.',
  },
] as const;

export type StageId = (typeof stages)[number]['id'];
export type ViewId = 'workspace' | StageId;

export const viewIds: readonly ViewId[] = ['workspace', ...stages.map((stage) => stage.id)];

export function isViewId(value: string): value is ViewId {
  return (viewIds as readonly string[]).includes(value);
}
