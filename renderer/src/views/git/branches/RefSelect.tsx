import type { GitRefs } from '../../../../../shared/contract';

interface Props {
  id: string;
  refs: GitRefs | null;
  /** '' stands for HEAD. */
  value: string;
  onChange: (value: string) => void;
}

/** Where to start a branch or put a tag: HEAD, or any branch, remote branch or tag. */
export function RefSelect({ id, refs, value, onChange }: Props) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">HEAD{refs?.current ? ` (${refs.current})` : ''}</option>
      {refs && refs.branches.length > 0 && (
        <optgroup label="Branches">
          {refs.branches.map((branch) => (
            <option key={branch.name} value={branch.name}>
              {branch.name}
            </option>
          ))}
        </optgroup>
      )}
      {refs && refs.remoteBranches.length > 0 && (
        <optgroup label="Remote branches">
          {refs.remoteBranches.map((branch) => (
            <option key={branch.name} value={branch.name}>
              {branch.name}
            </option>
          ))}
        </optgroup>
      )}
      {refs && refs.tags.length > 0 && (
        <optgroup label="Tags">
          {refs.tags.map((tag) => (
            <option key={tag.name} value={tag.name}>
              {tag.name}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
