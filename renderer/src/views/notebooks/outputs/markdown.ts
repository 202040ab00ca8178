import { Marked } from 'marked';
import { protectMath, restoreMath } from './markdown-math';

/**
 * Markdown (GitHub flavoured, as Jupyter renders it) to HTML that still needs
 * sanitising: raw HTML passes through, as in Jupyter, and the sanitiser
 * decides what of it stays. Task-list boxes become ☐ / ☑ characters: the
 * sanitiser removes every <input>.
 */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    checkbox({ checked }) {
      return `<span class="nb-task">${checked ? '☑' : '☐'}</span> `;
    },
  },
});

export function markdownToHtml(source: string): string {
  const { text, math } = protectMath(source);
  return restoreMath(markdown.parse(text, { async: false }), math);
}
