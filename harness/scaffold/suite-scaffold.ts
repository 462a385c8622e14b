/** A file of a new suite's folder: its path in the folder and its text. */
export interface ScaffoldFile {
  readonly path: string;
  readonly text: string;
}

const protocol = (name: string): string => `# ${name}: a counter shared by all clients

A client connects over TCP and sends commands, one per line, each ended by LF (\`\\n\`). The server
keeps one count, 0 when it starts, shared by all its clients, and answers each command with exactly
one line, ended by LF.

| command | answer |
| --- | --- |
| \`INC\` | \`COUNT <n>\`: the count, after adding 1 to it |
| \`GET\` | \`COUNT <n>\`: the count, unchanged |
| anything else | \`ERR unknown-command\` |

- The server MUST answer \`INC\` with the count after adding 1 to it, and \`GET\` with the count. — \`${name}.count\`
- The server MUST answer every command from any client as the table says, from one count shared by
  all clients, whatever clients connect, leave or reset. — \`${name}.model\`
`;

const suite = (
  name: string,
): string => `// The ${name} suite: a property test and a model-based test, on conform's public suite API.
// Run it: conform --suite ./suite.ts correct/server.py    Check it: conform check-suite .
import { defineSuite, fc, lineModelTest, type ConformanceTest, type LineModel } from 'conform';

/** The reference model: what the server must answer to every command, from one count for all clients. */
export const counter: LineModel<number> = {
  initial: () => 0,
  step(count, event) {
    if (event.kind !== 'line') return { state: count };
    if (event.line === 'INC') return { state: count + 1, send: { [event.client]: [\`COUNT \${count + 1}\`] } };
    if (event.line === 'GET') return { state: count, send: { [event.client]: [\`COUNT \${count}\`] } };
    return { state: count, send: { [event.client]: ['ERR unknown-command'] } };
  },
};

const count: ConformanceTest = {
  id: '${name}.count',
  title: 'INC adds one to the count, GET tells it',
  requirement: 'The server MUST answer \`INC\` with the count after adding 1 to it, and \`GET\` with the count.',
  policy: 'fresh',
  runs: 10,
  hint: 'Keep the count in one variable, add 1 on INC, and answer with "COUNT " and the number.',
  async run(context) {
    await context.property(fc.nat({ max: 5 }), async (run, times) => {
      const client = await run.connect();
      for (let done = 1; done <= times; done += 1) {
        client.write('INC\\n');
        await client.expect(\`COUNT \${done}\\n\`);
      }
      client.write('GET\\n');
      await client.expect(\`COUNT \${times}\\n\`);
    });
  },
};

const model = lineModelTest({
  id: '${name}.model',
  title: 'commands from up to four clients are answered as the model does',
  requirement:
    'The server MUST answer every command from any client as the table says, from one count shared by all clients, whatever clients connect, leave or reset.',
  // Many bugs fail the model: its hint says how to find which, not which it is.
  hint: 'Run the failing script by hand against \`conform reference ./suite.ts\` (the model) and compare line by line: the first line that differs is the step the server gets wrong.',
  model: counter,
  lines: fc.constantFrom('INC', 'INC', 'GET', 'inc', ''),
  barrier: 'GET',
});

export default defineSuite({
  name: '${name}',
  title: '${name} (a counter shared by all clients)',
  protocolDoc: 'protocol.md',
  tests: [count, model],
});
`;

const server = (shared: boolean): string => `${
  shared
    ? '# correct: a thread per client, one count for all of them behind a lock'
    : "# bug: each client has a count of its own, so no client sees another's INC"
}${shared ? '' : ' (fails: NAME.model)'}
import socket
import sys
import threading

count = 0
lock = threading.Lock()


def answer(line, mine):
    global count
    with lock:
        if line == "INC":
            ${shared ? 'count += 1' : "mine['count'] += 1"}
        if line in ("INC", "GET"):
            return "COUNT %d" % ${shared ? 'count' : "mine['count']"}
    return "ERR unknown-command"


def handle(conn):
    mine = {"count": 0}
    with conn, conn.makefile("rb") as lines:
        try:
            for line in lines:
                text = line.rstrip(b"\\n").decode("utf-8", "replace")
                conn.sendall((answer(text, mine) + "\\n").encode())
        except OSError:
            pass


def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", int(sys.argv[1])))
    server.listen()
    while True:
        conn, _ = server.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


main()
`;

/**
 * The files of a new suite named `name`: its protocol document (rules tagged with test ids), the
 * suite (a model and two tests), and a correct and a buggy example server, the buggy one naming the
 * test it must fail. `conform check-suite` passes on it as written.
 */
export function suiteScaffold(name: string): ScaffoldFile[] {
  return [
    { path: 'protocol.md', text: protocol(name) },
    { path: 'suite.ts', text: suite(name) },
    { path: 'correct/server.py', text: server(true) },
    { path: 'buggy/count_per_client.py', text: server(false).replace('NAME.model', `${name}.model`) },
  ];
}
