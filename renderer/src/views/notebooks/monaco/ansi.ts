/** Removes ANSI escape sequences (colours, cursor moves) from kernel text such as inspect replies. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ESC and CSI are exactly what is removed.
  return text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g, '');
}

/** The text of an inspect reply's MIME bundle, without its colours. */
export function inspectionText(data: Record<string, unknown>): string | null {
  const plain = data['text/plain'];
  const text = typeof plain === 'string' ? plain : Array.isArray(plain) ? plain.join('') : null;
  return text ? stripAnsi(text) : null;
}
