import { execFileSync } from 'node:child_process';

/** An entry to store: a folder when the name ends in `/`, else a file of `text` or of `size` bytes. */
export interface ZipEntrySpec {
  readonly name: string;
  readonly text?: string;
  readonly size?: number;
  readonly mode?: number;
}

// Python's zipfile writes names as given (it only cleans them when extracting), so unsafe names can be made.
const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as archive:
    for entry in json.loads(sys.argv[2]):
        info = zipfile.ZipInfo(entry['name'])
        info.compress_type = zipfile.ZIP_DEFLATED
        if entry['name'].endswith('/'):
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b'')
        else:
            info.external_attr = (0o100000 | entry.get('mode', 0o644)) << 16
            data = entry['text'].encode() if 'text' in entry else b'x' * entry['size']
            archive.writestr(info, data)
`;

/** Writes a zip holding these entries, in this order, with python3 (always there, unlike `zip`). */
export function makeZip(file: string, entries: readonly ZipEntrySpec[]): string {
  execFileSync('python3', ['-c', script, file, JSON.stringify(entries)]);
  return file;
}
