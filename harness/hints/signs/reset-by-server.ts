import type { Sign } from '../sign.js';

/** The server reset a connection while it went on running. */
export const resetByServer: Sign = ({ details, exit }) => {
  const conn = details.conn;
  if (exit !== undefined || details.kind !== 'reset' || conn === undefined) return undefined;
  const reset = `The server reset ${conn} (RST) while it kept running: closing a socket that still has unread bytes in it sends a reset.`;
  return {
    cause: 'reset-by-server',
    hint: {
      neutral: `${reset} Read everything the client sends, until it closes its side, before closing; never close a client's socket while its data is still arriving.`,
      python: `${reset} Keep calling recv() until it returns b'' before closing, and do not set SO_LINGER to 0.`,
      node: `${reset} Use end(), not destroy() or resetAndDestroy(), and only after the client's 'end'.`,
      c: `${reset} Keep calling read() until it returns 0 before close(), and do not set SO_LINGER to 0.`,
      java: `${reset} Read until read() returns -1 before close(), and do not call setSoLinger(true, 0).`,
    },
  };
};
