import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';

/** What an archive may unpack to at most: a submission is source code, not a disk filler. */
export interface ZipLimits {
  readonly maxBytes: number;
  readonly maxEntries: number;
}

export const defaultZipLimits: ZipLimits = { maxBytes: 256 * 1024 * 1024, maxEntries: 10_000 };

/** A zip that cannot be unpacked safely: a path out of its folder, too large, or not a zip at all. */
export class ZipError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ZipError';
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (error, zip) => {
      if (error !== null || zip === undefined)
        reject(
          new ZipError(`not a readable zip file: ${error?.message ?? 'unknown error'}`, { cause: error }),
        );
      else resolve(zip);
    });
  });
}

/** The path an entry unpacks to, or an error for one that would land outside the folder. */
function safePath(folder: string, name: string): string {
  const clean = normalize(name);
  if (isAbsolute(name) || clean === '..' || clean.startsWith(`..${sep}`) || name.includes('\0')) {
    throw new ZipError(`the zip holds a path outside its folder: ${JSON.stringify(name)}`);
  }
  return join(folder, clean);
}

/**
 * Unpacks a zip into `folder`. Every entry stays inside it (no absolute or `..` paths; symbolic links
 * are unpacked as the plain files they are stored as), and the total size and count are capped,
 * counted on the bytes actually unpacked, not on what the archive claims.
 */
export async function extractZip(
  file: string,
  folder: string,
  limits: ZipLimits = defaultZipLimits,
): Promise<void> {
  const zip = await openZip(file);
  let total = 0;
  let entries = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      // yauzl's own refusals (a `..` path, a size that lies) are as much a reason to refuse the zip.
      const fail = (error: unknown): void =>
        reject(
          error instanceof ZipError
            ? error
            : new ZipError(error instanceof Error ? error.message : String(error), { cause: error }),
        );
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries += 1;
        if (entries > limits.maxEntries) {
          fail(new ZipError(`the zip holds more than ${limits.maxEntries} entries`));
          return;
        }
        let target: string;
        try {
          target = safePath(folder, entry.fileName);
        } catch (error) {
          fail(error);
          return;
        }
        if (entry.fileName.endsWith('/')) {
          mkdir(target, { recursive: true }).then(() => zip.readEntry(), fail);
          return;
        }
        zip.openReadStream(entry, (error, stream) => {
          if (error !== null || stream === undefined) {
            fail(error ?? new ZipError('unreadable entry'));
            return;
          }
          const counter = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              total += chunk.length;
              if (total > limits.maxBytes)
                done(new ZipError(`the zip unpacks to more than ${sizeText(limits.maxBytes)}`));
              else done(null, chunk);
            },
          });
          mkdir(dirname(target), { recursive: true })
            .then(() =>
              pipeline(
                stream,
                counter,
                createWriteStream(target, { mode: 0o644 | ((entry.externalFileAttributes >>> 16) & 0o111) }),
              ),
            )
            .then(() => zip.readEntry(), fail);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
