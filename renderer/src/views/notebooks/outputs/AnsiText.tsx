import { memo, useMemo, useState } from 'react';
import { ansiToHtml } from './ansi';
import { splitBlocks, textHead } from './large-text';

const linesPerBlock = 200;

/**
 * Text with ANSI colours in a <pre>. Past 5,000 lines or 500 KB only the
 * first part is rendered, with a button for the rest. The text is rendered in
 * blocks of lines, each memoised: when a stream grows, only its last block is
 * converted and re-rendered. (A colour left open across a block boundary
 * stops there: each block is converted on its own.)
 */
export function AnsiText({ text, className }: { text: string; className?: string }) {
  const [showAll, setShowAll] = useState(false);
  const head = useMemo(() => textHead(text), [text]);
  const shown = showAll ? text : head.shown;
  const blocks = useMemo(() => splitBlocks(shown, linesPerBlock), [shown]);
  return (
    <>
      <pre className={`nb-text${className ? ` ${className}` : ''}`}>
        {blocks.map((block, index) => (
          <AnsiBlock key={index} text={block} />
        ))}
      </pre>
      {head.truncated && !showAll && (
        <div className="nb-truncated">
          <span>Output truncated: {head.totalLines.toLocaleString()} lines, {text.length.toLocaleString()} characters.</span>
          <button type="button" onClick={() => setShowAll(true)}>
            Show all ({head.totalLines.toLocaleString()} lines)
          </button>
        </div>
      )}
    </>
  );
}

const AnsiBlock = memo(function AnsiBlock({ text }: { text: string }) {
  // ansi_up escapes every character of the text; the only markup is its own coloured spans.
  const html = useMemo(() => ({ __html: ansiToHtml(text) }), [text]);
  return <span dangerouslySetInnerHTML={html} />;
});
