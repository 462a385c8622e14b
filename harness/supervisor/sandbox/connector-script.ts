/**
 * Runs inside a server's network namespace, started by the namespace's first process: makes each
 * connection conform asks for there, and hands the connected socket itself back over the IPC
 * channel. conform then holds the very socket a client in the namespace would: FIN, RST and
 * backpressure reach the server unchanged. The socket reads nothing before it is handed over, so a
 * greeting the server sends at once is conform's to read.
 *
 * Two versions of the same connector: in Python, which starts in a fifth of Node's time and speaks
 * Node's IPC protocol (JSON lines; a socket goes as a NODE_HANDLE message with its descriptor
 * attached), and in Node, where there is no Python.
 */
export interface Connector {
  readonly program: string;
  /** The flags before the script, as one word. */
  readonly flags: string;
  readonly script: string;
}

const nodeScript = `
const net = require('node:net');
process.on('message', ({ id, host, port }) => {
  const socket = net.connect({ host, port, allowHalfOpen: true });
  socket.pause();
  let answered = false;
  socket.once('connect', () => {
    answered = true;
    process.send({ id, ok: true }, socket);
  });
  socket.once('error', (error) => {
    if (answered) return;
    answered = true;
    process.send({ id, ok: false, code: error.code || 'ERROR', message: error.message });
  });
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;

const pythonScript = `
import errno, json, os, socket, threading
channel = socket.socket(fileno=int(os.environ["NODE_CHANNEL_FD"]))
lock = threading.Lock()
def reply(message, fd=None):
    data = (json.dumps(message) + "\\n").encode()
    with lock:
        if fd is None:
            channel.sendall(data)
        else:
            socket.send_fds(channel, [data], [fd])
def dial(request):
    try:
        conn = socket.create_connection((request["host"], request["port"]), timeout=120)
    except OSError as error:
        code = errno.errorcode.get(error.errno or 0, "ETIMEDOUT")
        reply({"id": request["id"], "ok": False, "code": code, "message": str(error)})
        return
    conn.setblocking(False)
    reply({"cmd": "NODE_HANDLE", "type": "net.Socket", "msg": {"id": request["id"], "ok": True}}, conn.fileno())
    conn.close()
reply({"ready": True})
pending = b""
while True:
    chunk = channel.recv(65536)
    if not chunk:
        break
    pending += chunk
    while b"\\n" in pending:
        line, pending = pending.split(b"\\n", 1)
        message = json.loads(line)
        if "cmd" not in message:
            threading.Thread(target=dial, args=(message,), daemon=True).start()
`;

/** The Python connector where Python 3.9 or later is found (socket.send_fds), else Node's. */
export function connectorFor(python: string | undefined): Connector {
  return python === undefined
    ? { program: process.execPath, flags: '-e', script: nodeScript }
    : { program: python, flags: '-ISc', script: pythonScript };
}
