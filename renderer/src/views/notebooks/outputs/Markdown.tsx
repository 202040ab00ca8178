import { useMemo } from 'react';
import { HtmlOutput } from './HtmlOutput';
import { markdownToHtml } from './markdown';
import type { Attachments } from './url-policy';
import './outputs.css';

/**
 * A markdown cell (or a text/markdown output): marked, then the same
 * sanitiser as HTML outputs. `attachment:name` images come from `attachments`.
 */
export function Markdown({ source, attachments }: { source: string; attachments?: Attachments | undefined }) {
  const html = useMemo(() => markdownToHtml(source), [source]);
  return <HtmlOutput html={html} attachments={attachments} kind="markdown" />;
}
