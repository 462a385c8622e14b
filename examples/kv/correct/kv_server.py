# correct: a thread per client, one store for all of them behind a lock
import re
import socket
import sys
import threading

KEY = re.compile(r"[a-z0-9_]{1,16}")
store = {}
lock = threading.Lock()


def answer(line):
    command, _, argument = line.partition(" ")
    if command == "SET":
        name, space, value = argument.partition(" ")
        if not space or not KEY.fullmatch(name):
            return "ERR bad-key"
        with lock:
            store[name] = value
        return "OK"
    if command in ("GET", "DEL"):
        if not KEY.fullmatch(argument):
            return "ERR bad-key"
        with lock:
            if argument not in store:
                return "NOT_FOUND"
            if command == "GET":
                return "VALUE " + store[argument]
            del store[argument]
            return "DELETED"
    if line == "KEYS":
        with lock:
            return " ".join(["KEYS"] + sorted(store))
    return "ERR unknown-command"


def handle(conn):
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
                    reply = answer(line.decode("utf-8"))
                    conn.sendall(reply.encode("utf-8") + b"\n")
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
