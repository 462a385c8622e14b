# bug: the store is made inside the client's handler, so each client sees only its own keys (fails: kv.model)
import re
import socket
import sys
import threading

KEY = re.compile(r"[a-z0-9_]{1,16}")


def answer(store, line):
    command, _, argument = line.partition(" ")
    if command == "SET":
        name, space, value = argument.partition(" ")
        if not space or not KEY.fullmatch(name):
            return "ERR bad-key"
        store[name] = value
        return "OK"
    if command in ("GET", "DEL"):
        if not KEY.fullmatch(argument):
            return "ERR bad-key"
        if argument not in store:
            return "NOT_FOUND"
        if command == "GET":
            return "VALUE " + store[argument]
        del store[argument]
        return "DELETED"
    if line == "KEYS":
        return " ".join(["KEYS"] + sorted(store))
    return "ERR unknown-command"


def handle(conn):
    store = {}
    with conn:
        pending = b""
        try:
            while True:
                data = conn.recv(4096)
                if not data:
                    return
                pending += data
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    conn.sendall(answer(store, line.decode("utf-8")).encode("utf-8") + b"\n")
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
