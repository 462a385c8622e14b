# bug: a client that leaves keeps its name, so no one can take it after (fails: rooms.lobby, rooms.script)
import re
import socket
import sys
import threading

NAME = re.compile(r"[A-Za-z0-9_]{1,16}")
ROOM = re.compile(r"#[a-z0-9-]{1,16}")
WELCOME = "* Welcome! Choose a name with /nick <name>."

# Everything below is read and changed, and every line sent, with the lock held: each client is
# then sent its lines in the order the server dealt with what caused them.
lock = threading.Lock()
clients = set()  # everyone connected; a guest's name and room are None
names = {}  # name -> the client holding it


class Client:
    def __init__(self, conn):
        self.conn = conn
        self.name = None
        self.room = None


def send(client, line):
    try:
        client.conn.sendall(line.encode("utf-8") + b"\n")
    except OSError:
        pass  # a client that reset leaves when its own thread reads the reset


def tell_room(room, client, line):
    """Sends `line` to the named clients in `room` other than `client`."""
    for other in clients:
        if other.room == room and other is not client:
            send(other, line)


def nick(client, name):
    if not NAME.fullmatch(name):
        send(client, "! Invalid name.")
        return
    if names.get(name, client) is not client:
        send(client, f"! Name {name} is taken.")
        return
    send(client, f"* You are now {name}.")
    old = client.name
    if old == name:
        return
    if old is None:
        client.room = "#lobby"
        tell_room(client.room, client, f"* {name} joined #lobby.")
    else:
        del names[old]
        tell_room(client.room, client, f"* {old} is now {name}.")
    names[name] = client
    client.name = name


def join(client, room):
    if not ROOM.fullmatch(room):
        send(client, "! Invalid room.")
    elif room == client.room:
        send(client, f"! You are already in {room}.")
    else:
        old = client.room
        send(client, f"* You joined {room}.")
        tell_room(old, client, f"* {client.name} left {old}.")
        client.room = room
        tell_room(room, client, f"* {client.name} joined {room}.")


def private(client, rest):
    name, space, text = rest.partition(" ")
    if not name or not space:
        send(client, "! Usage: /msg <name> <text>.")
    elif name not in names:
        send(client, f"! No such user {name}.")
    else:
        send(names[name], f"[pm] {client.name}: {text}")


def who(client):
    room = client.room or "#lobby"
    here = sorted(other.name for other in clients if other.room == room)
    send(client, f"* In {room}: {', '.join(here) or 'nobody'}")


def answer(client, line):
    """Does what one line asks; False once the client has quit."""
    word, _, rest = line.partition(" ")
    if line == "":
        pass
    elif word == "/quit":
        send(client, "* Bye.")
        return False
    elif word == "/who":
        who(client)
    elif word == "/nick":
        nick(client, rest)
    elif word not in ("/join", "/msg") and line.startswith("/"):
        send(client, f"! Unknown command {word}.")
    elif client.name is None:
        send(client, "! Choose a name first with /nick <name>.")
    elif word == "/join":
        join(client, rest)
    elif word == "/msg":
        private(client, rest)
    else:
        tell_room(client.room, client, f"[{client.room}] {client.name}: {line}")
    return True


def leave(client):
    """Tells the others in its room, then closes its socket."""
    clients.discard(client)
    if client.name is not None:
        tell_room(client.room, client, f"* {client.name} left {client.room}.")
    client.conn.close()


def handle(conn):
    client = Client(conn)
    with lock:
        clients.add(client)
        send(client, WELCOME)
    pending = b""
    try:
        while True:
            data = conn.recv(4096)
            if not data:
                break
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                with lock:
                    if not answer(client, line.decode("utf-8", "replace")):
                        leave(client)
                        return
    except OSError:
        pass
    with lock:
        leave(client)


def main():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", int(sys.argv[1])))
    server.listen()
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            continue  # a client that reset before it was accepted
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


main()
