/**
 * The little a page does: copy a command to the clipboard (or select it, where the clipboard is
 * refused), and open every failure before printing.
 */
export const pageScript = `
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
  if (button === null) return;
  const status = document.getElementById(button.getAttribute('aria-describedby') || '');
  const say = (text) => { if (status !== null) status.textContent = text; };
  const select = () => {
    const code = document.getElementById(button.getAttribute('aria-controls') || '');
    if (code === null) return;
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = window.getSelection();
    if (selection !== null) { selection.removeAllRanges(); selection.addRange(range); }
    say('selected: press Ctrl+C (or Cmd+C) to copy');
  };
  if (navigator.clipboard === undefined) return select();
  navigator.clipboard.writeText(button.getAttribute('data-copy') || '').then(() => say('copied'), select);
});
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll('details')) details.open = true;
});
`;
