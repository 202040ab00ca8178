export { createDataService } from './service';
export type { DataService, Relation } from './service';
export { profileFile } from './profile-file';
export { chartData } from './charts';
export { ChartStore } from './chart-store';
export type { Engine } from './engine';
export { createEngine } from './engine';
export { quoteIdent } from './sql';
