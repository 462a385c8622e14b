import { describe, expect, it } from 'vitest';
import { parseLsofListeners } from '../../../../harness/platform/lsof/parse-lsof.js';

// `lsof -nP -iTCP -sTCP:LISTEN -F pcfnt` on macOS 14: a field a line, its letter first.
const macOS = [
  'p512',
  'cControlCe',
  'f10',
  'tIPv4',
  'n*:7000',
  'f11',
  'tIPv6',
  'n*:7000',
  'p1234',
  'cpython3.11',
  'f3',
  'tIPv4',
  'n*:2000',
  'f4',
  'tIPv6',
  'n[::1]:8080',
  'f5',
  'tIPv4',
  'n127.0.0.1:5000',
  'p77',
  'ccupsd',
  'f6',
  'tIPv6',
  'n[fe80::1%lo0]:631',
  '',
].join('\n');

describe('parseLsofListeners', () => {
  it('reads macOS field output: the owner, IPv4 and IPv6, wildcard and loopback addresses', () => {
    expect(parseLsofListeners(macOS)).toEqual([
      { id: '512/10', pid: 512, family: 4, address: '0.0.0.0', port: 7000 },
      { id: '512/11', pid: 512, family: 6, address: '::', port: 7000 },
      { id: '1234/3', pid: 1234, family: 4, address: '0.0.0.0', port: 2000 },
      { id: '1234/4', pid: 1234, family: 6, address: '::1', port: 8080 },
      { id: '1234/5', pid: 1234, family: 4, address: '127.0.0.1', port: 5000 },
      { id: '77/6', pid: 77, family: 6, address: 'fe80::1%lo0', port: 631 },
    ]);
  });

  it('tells the family from the address when the type field is missing (-F pcn)', () => {
    const pcn = ['p40', 'cnode', 'n*:2000', 'n[::1]:8080', 'n127.0.0.1:5000', 'n[::]:9000'].join('\n');
    expect(parseLsofListeners(pcn).map(({ family, address, port }) => ({ family, address, port }))).toEqual([
      { family: 4, address: '0.0.0.0', port: 2000 },
      { family: 6, address: '::1', port: 8080 },
      { family: 4, address: '127.0.0.1', port: 5000 },
      { family: 6, address: '::', port: 9000 },
    ]);
  });

  it('lists a socket once for each process that holds it (a server that forked after listen)', () => {
    const forked = ['p10', 'cpython3', 'f3', 'tIPv4', 'n*:4000', 'p11', 'cpython3', 'f3', 'tIPv4', 'n*:4000'];
    expect(parseLsofListeners(forked.join('\n')).map((socket) => socket.pid)).toEqual([10, 11]);
  });

  it('passes over connections, names it cannot read, unknown fields and Windows line ends', () => {
    const noisy = [
      'p9',
      'cnc',
      'g9',
      'f3',
      'PTCP',
      'tIPv4',
      'n127.0.0.1:5000->127.0.0.1:61234',
      'f4',
      'tIPv4',
      'nlocalhost:http',
      'f5',
      'tIPv4',
      'n*:0',
      'f6',
      'tIPv4',
      'n10.0.0.2:8443\r',
      'garbage',
    ].join('\n');
    expect(parseLsofListeners(noisy)).toEqual([
      { id: '9/6', pid: 9, family: 4, address: '10.0.0.2', port: 8443 },
    ]);
  });

  it('finds nothing in empty output (lsof exits 1 when nothing listens)', () => {
    expect(parseLsofListeners('')).toEqual([]);
  });
});
