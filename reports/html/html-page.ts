import { createHash } from 'node:crypto';
import { escapeHtml } from './escape-html.js';
import { pageScript } from './page-script.js';
import { pageStyle } from './page-style.js';

const scriptHash = createHash('sha256').update(pageScript).digest('base64');

/**
 * A whole self-contained page: inline style, the one inline script, and a policy that lets nothing
 * else run or load (no network, and no script but this one, whatever the text in the page says).
 */
export function htmlPage(title: string, body: string): string {
  const policy = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${scriptHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
${body}
<script>${pageScript}</script>
</body>
</html>
`;
}
