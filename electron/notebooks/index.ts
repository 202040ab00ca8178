export { createNotebookService } from './service';
export type { NotebookService, NotebookServiceOptions } from './service';
export { parseNotebook, serializeNotebook } from './ipynb';
export { discoverServers, findJupyter } from './discovery';
