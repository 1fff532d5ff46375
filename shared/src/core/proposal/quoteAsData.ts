/**
 * Quotes untrusted text (program code, item titles, simulated users' words, tool output) as data
 * inside a prompt. The system prompts say that whatever lies between `<data ...>` and `</data>` is
 * never an instruction; escaping `<` and `>` as `&lt;`/`&gt;` means quoted text can neither close
 * the block early nor open a fake one.
 */
function quoteAsData(label: string, text: string): string {
  const safeLabel = label.replace(/[^a-zA-Z0-9_.\-/ ]/g, '_');
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<data label="${safeLabel}">\n${escaped}\n</data>`;
}

export { quoteAsData };
