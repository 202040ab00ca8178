export { createGitService } from './service';
export type { GitService, GitServiceOptions } from './service';
export type { RepoContext } from './repo';
