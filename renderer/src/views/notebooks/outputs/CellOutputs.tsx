import { keepLinksInert } from './inert-links';
import type { NbOutput } from './nbformat';
import { OutputView } from './OutputView';
import './outputs.css';

/**
 * A code cell's outputs, each shown by the richest MIME type it has. Keyed by
 * position: a stream that grows replaces only its own (last) output, and
 * every other output keeps its object, so only the changed one re-renders.
 */
export function CellOutputs({ outputs }: { outputs: NbOutput[] }) {
  if (outputs.length === 0) return null;
  return (
    <div className="nb-outputs" data-testid="cell-outputs" onClickCapture={keepLinksInert} onAuxClickCapture={keepLinksInert}>
      {outputs.map((output, index) => (
        <OutputView key={index} output={output} />
      ))}
    </div>
  );
}
