/** A TCP line of `netstat -an`, with the local and remote ports. */
interface NetstatLine {
  readonly recvQ: number;
  readonly sendQ: number;
  readonly localPort: number | undefined;
  readonly remotePort: number | undefined;
  readonly state: string;
}

/** The port at the end of `127.0.0.1.2000` (BSD), `127.0.0.1:2000` or `::1:2000` (Linux). */
function portOf(address: string): number | undefined {
  const match = /[.:](\d+)$/.exec(address);
  return match === null ? undefined : Number(match[1]);
}

/** TCP lines from `netstat -an`, in the BSD (macOS) or Linux column layout: proto, Recv-Q, Send-Q, local, remote, state. */
export function parseNetstat(text: string): NetstatLine[] {
  const lines: NetstatLine[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (!/^tcp/.test(fields[0] ?? '') || fields.length < 6) continue;
    const [, recvQ, sendQ, local, remote, state] = fields as [string, string, string, string, string, string];
    lines.push({
      recvQ: Number(recvQ),
      sendQ: Number(sendQ),
      localPort: portOf(local),
      remotePort: portOf(remote),
      state,
    });
  }
  return lines;
}

export function timeWaitOnPort(text: string, port: number): boolean {
  return parseNetstat(text).some((line) => line.state === 'TIME_WAIT' && line.localPort === port);
}

/** As proc-net's unreadBytes: the sender's unsent or unacknowledged bytes plus the receiver's unread ones. */
export function unreadBetween(text: string, senderPort: number, receiverPort: number): number | undefined {
  let total: number | undefined;
  for (const line of parseNetstat(text)) {
    if (line.localPort === senderPort && line.remotePort === receiverPort) total = (total ?? 0) + line.sendQ;
    else if (line.localPort === receiverPort && line.remotePort === senderPort)
      total = (total ?? 0) + line.recvQ;
  }
  return total;
}
