import type { Sign } from '../sign.js';

/** The server exited with an error code and its output names no error. */
export const endedWithCode: Sign = ({ exit }) => {
  if (exit === undefined || exit.signal !== null || exit.code === null || exit.code === 0) return undefined;
  return {
    cause: 'exited',
    hint: {
      neutral: `The server exited with code ${exit.code} while clients were connected; its output (above) may say why. Look for an exit() or an error that ends the program, and handle each client's errors on their own so that the server keeps running.`,
    },
  };
};
