import { describe, expect, it } from 'vitest';
import { timeWaitOnPort, unreadBetween } from '../../../../harness/platform/lsof/parse-netstat.js';

// `netstat -an` on macOS: addresses end in .port, and other protocols are listed too.
const macOS = [
  'Active Internet connections (including servers)',
  'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)',
  'tcp4       0      0  127.0.0.1.2000         127.0.0.1.52341        TIME_WAIT',
  'tcp4      12      0  127.0.0.1.5000         127.0.0.1.61000        ESTABLISHED',
  'tcp4       0    300  127.0.0.1.61000        127.0.0.1.5000         ESTABLISHED',
  'tcp6       0      0  ::1.8080               *.*                    LISTEN',
  'udp4       0      0  *.5353                 *.*',
  'Active LOCAL (UNIX) domain sockets',
  '',
].join('\n');

// `netstat -an` on Linux (net-tools): addresses end in :port.
const linux = [
  'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
  'tcp        0      0 127.0.0.1:3000          127.0.0.1:40000         TIME_WAIT',
  'tcp6       0      0 :::8080                 :::*                    LISTEN',
  '',
].join('\n');

describe('timeWaitOnPort', () => {
  it('finds TIME_WAIT on a local port in the BSD and the Linux layouts', () => {
    expect(timeWaitOnPort(macOS, 2000)).toBe(true);
    expect(timeWaitOnPort(macOS, 52341)).toBe(false);
    expect(timeWaitOnPort(macOS, 8080)).toBe(false);
    expect(timeWaitOnPort(linux, 3000)).toBe(true);
  });
});

describe('unreadBetween', () => {
  it("adds the sender's send queue and the receiver's receive queue", () => {
    expect(unreadBetween(macOS, 61000, 5000)).toBe(312);
  });

  it('is undefined when no connection joins the two ports', () => {
    expect(unreadBetween(macOS, 61001, 5000)).toBeUndefined();
  });
});
