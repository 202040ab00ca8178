import { Fragment, memo, useEffect, useRef, useState } from 'react';
import { cachedColors, colorizePython, type ColoredLines } from '../monaco/colorize';
import type { NotebookMonaco } from '../monaco/monaco-loader';
import { useSeenOnce } from './use-visible';

interface Props {
  source: string;
  api: NotebookMonaco | null;
  theme: string;
  /** A press in the text, at this offset of the source. */
  onPress: (offset: number) => void;
}

/**
 * A code cell that is not being edited: highlighted by Monaco's own tokenizer
 * once Monaco has loaded and the cell is near the screen, plain text before.
 */
export const StaticCode = memo(function StaticCode({ source, api, theme, onPress }: Props) {
  const ref = useRef<HTMLPreElement>(null);
  const seen = useSeenOnce(ref);
  const [colored, setColored] = useState<{ source: string; theme: string; lines: ColoredLines } | null>(null);
  const cached = cachedColors(source, theme);
  const lines = cached ?? (colored && colored.source === source && colored.theme === theme ? colored.lines : null);

  useEffect(() => {
    if (!api || !seen || cached) return;
    let live = true;
    colorizePython(api, source, theme).then(
      (result) => live && setColored({ source, theme, lines: result }),
      () => undefined, // plain text stays
    );
    return () => {
      live = false;
    };
  }, [api, seen, cached, source, theme]);

  return (
    <pre
      ref={ref}
      className="nbv-code-static"
      data-testid="nb-code"
      onMouseDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        onPress(offsetAt(event.currentTarget, event.clientX, event.clientY) ?? source.length);
      }}
    >
      {lines
        ? lines.map((line, index) => (
            <Fragment key={index}>
              {index > 0 && '\n'}
              {line.map((token, t) => (
                <span key={t} className={token.className || undefined}>
                  {token.text}
                </span>
              ))}
            </Fragment>
          ))
        : source}
      {/* Keeps the height of an empty last line. */}
      {source.endsWith('\n') || source === '' ? '\u200b' : null}
    </pre>
  );
});

/** The source offset under the pointer: the text before the caret there, as the `pre` holds the source verbatim. */
function offsetAt(pre: HTMLElement, x: number, y: number): number | null {
  const caret = document.caretPositionFromPoint?.(x, y);
  const node = caret?.offsetNode ?? null;
  if (!caret || !node || !pre.contains(node)) return null;
  const range = document.createRange();
  range.setStart(pre, 0);
  range.setEnd(node, caret.offset);
  return range.toString().replace(/\u200b/g, '').length;
}
