import { memo, useMemo } from 'react';
import { AnsiText } from './AnsiText';
import { HtmlOutput } from './HtmlOutput';
import { imageHints, ImageOutput, SvgOutput } from './ImageOutput';
import { JsonView } from './JsonView';
import { Markdown } from './Markdown';
import { pickMime } from './mime';
import { bundleOf, joinText, mimeMetadata, outputType, type NbOutput } from './nbformat';
import { PlotlyOutput } from './PlotlyOutput';
import { displayText } from './stream-text';

/**
 * One output. Memoised on the output object: outputs are immutable, so an
 * output that did not change is not rendered again when its cell's list does.
 */
export const OutputView = memo(function OutputView({ output }: { output: NbOutput }) {
  const type = outputType(output);
  switch (type) {
    case 'stream': {
      const name = typeof output.name === 'string' ? output.name : 'stdout';
      return (
        <div className="nb-output" data-output-type="stream" data-stream={name}>
          <StreamText name={name} text={joinText(output.text) ?? ''} />
        </div>
      );
    }
    case 'error':
      return (
        <div className="nb-output nb-error" data-output-type="error" role="alert">
          <div className="nb-error-title">
            {typeof output.ename === 'string' ? output.ename : 'Error'}: {typeof output.evalue === 'string' ? output.evalue : ''}
          </div>
          {Array.isArray(output.traceback) && output.traceback.length > 0 && <AnsiText text={output.traceback.filter((line) => typeof line === 'string').join('\n')} />}
        </div>
      );
    case 'display_data':
    case 'execute_result': {
      const mime = pickMime(output);
      return (
        <div className="nb-output" data-output-type={type} data-mime={mime ?? ''}>
          <MimeContent output={output} mime={mime} />
        </div>
      );
    }
    default:
      return (
        <div className="nb-output nb-output-note" data-output-type={type}>
          An output of type “{type || 'unknown'}” that the workbench does not show.
        </div>
      );
  }
});

function StreamText({ name, text }: { name: string; text: string }) {
  // The last line may hold a pending \r (stream-text.ts), and outputs read from a file may hold any.
  const resolved = useMemo(() => displayText(text), [text]);
  return <AnsiText text={resolved} className={`nb-stream nb-stream-${name}`} />;
}

function MimeContent({ output, mime }: { output: NbOutput; mime: ReturnType<typeof pickMime> }) {
  const data = bundleOf(output.data);
  if (mime === null) {
    const types = Object.keys(data);
    return <div className="nb-output-note">{types.length ? `No viewer for ${types.join(', ')}.` : 'An empty output.'}</div>;
  }
  const value = data[mime];
  switch (mime) {
    case 'application/vnd.plotly.v1+json':
      return <PlotlyOutput figure={value} />;
    case 'text/html':
      return <HtmlOutput html={joinText(value) ?? ''} />;
    case 'image/svg+xml':
      return <SvgOutput svg={joinText(value) ?? ''} hints={imageHints(mimeMetadata(output, mime))} />;
    case 'image/png':
    case 'image/jpeg':
    case 'image/gif':
      return <ImageOutput mime={mime} data={value} hints={imageHints(mimeMetadata(output, mime))} />;
    case 'text/markdown':
      return <Markdown source={joinText(value) ?? ''} />;
    case 'application/json':
      return <JsonView value={value} />;
    case 'text/latex':
    case 'text/plain':
      return <AnsiText text={joinText(value) ?? ''} />;
  }
}
