export { createNotebookService } from './service';
export type { NotebookService, NotebookServiceOptions } from './service';
export type { SecretBox } from './secrets';
export { parseNotebook, serializeNotebook } from './ipynb';
export { discoverServers, findJupyter } from './discovery';
