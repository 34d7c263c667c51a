"""Plays the desktop panel for the tray test, on the session bus of DBUS_SESSION_BUS_ADDRESS:
the StatusNotifierWatcher that tray icons register with, and the freedesktop notification service.
The Rust test sends one JSON command per line on stdin and reads one JSON answer per line:

  {"cmd": "item"}                  the registered item's properties (icon, tooltip, menu path)
  {"cmd": "menu"}                  the menu as a tree: id, label, enabled, visible, toggle state
  {"cmd": "click", "label": "…"}   sends "clicked" to the first item with that label
  {"cmd": "notifications"}         every notification received so far (summary, body)

Before the first command it prints {"ready": true} once it owns both names."""

import asyncio
import json
import sys

from dbus_next import Message, MessageType, Variant
from dbus_next.aio import MessageBus
from dbus_next.constants import RequestNameReply

WATCHER = "org.kde.StatusNotifierWatcher"
NOTIFICATIONS = "org.freedesktop.Notifications"
ITEM = "org.kde.StatusNotifierItem"


class Panel:
    def __init__(self, bus):
        self.bus = bus
        self.items = []  # (bus name, object path)
        self.notifications = []
        self.registered = asyncio.Event()

    def handle(self, message):
        """Answers the calls the watcher and the notification service receive."""
        if message.message_type != MessageType.METHOD_CALL:
            return None
        member, interface = message.member, message.interface
        if interface == WATCHER and member == "RegisterStatusNotifierItem":
            target = message.body[0]
            # libappindicator passes its object path; others pass a bus name.
            item = (message.sender, target) if target.startswith("/") else (target, "/StatusNotifierItem")
            self.items.append(item)
            self.registered.set()
            return Message.new_method_return(message)
        if interface == WATCHER and member == "RegisterStatusNotifierHost":
            return Message.new_method_return(message)
        if interface == "org.freedesktop.DBus.Properties" and message.path == "/StatusNotifierWatcher":
            props = {
                "RegisteredStatusNotifierItems": Variant("as", [f"{n}{p}" for n, p in self.items]),
                "IsStatusNotifierHostRegistered": Variant("b", True),
                "ProtocolVersion": Variant("i", 0),
            }
            if member == "GetAll":
                return Message.new_method_return(message, "a{sv}", [props])
            if member == "Get":
                return Message.new_method_return(message, "v", [props[message.body[1]]])
        if interface == NOTIFICATIONS:
            if member == "Notify":
                app, _replaces, _icon, summary, body = message.body[:5]
                self.notifications.append({"app": app, "summary": summary, "body": body})
                return Message.new_method_return(message, "u", [len(self.notifications)])
            if member == "GetCapabilities":
                return Message.new_method_return(message, "as", [["body"]])
            if member == "GetServerInformation":
                return Message.new_method_return(message, "ssss", ["test-panel", "latchkey", "1", "1.2"])
            if member == "CloseNotification":
                return Message.new_method_return(message)
        return None

    async def call(self, destination, path, interface, member, signature="", body=()):
        reply = await self.bus.call(
            Message(destination=destination, path=path, interface=interface, member=member, signature=signature, body=list(body))
        )
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(f"{member}: {reply.error_name} {reply.body}")
        return reply.body

    async def item(self):
        while True:
            await asyncio.wait_for(self.registered.wait(), 20)
            name, path = self.items[-1]
            try:
                (props,) = await self.call(name, path, "org.freedesktop.DBus.Properties", "GetAll", "s", [ITEM])
                break
            except RuntimeError as gone:  # that app quit: wait for the next one to register
                if "ServiceUnknown" not in str(gone) and "UnknownObject" not in str(gone):
                    raise
                self.items.pop()
                if not self.items:
                    self.registered.clear()
        plain = {}
        for key, variant in props.items():
            value = variant.value
            if key == "ToolTip":  # (icon name, icon pixmaps, title, description)
                value = {"title": value[2], "description": value[3]}
            elif key in ("IconPixmap", "AttentionIconPixmap", "OverlayIconPixmap"):
                continue
            plain[key] = value
        return plain

    async def menu(self):
        props = await self.item()
        name, _ = self.items[-1]
        _revision, layout = await self.call(name, props["Menu"], "com.canonical.dbusmenu", "GetLayout", "iias", [0, -1, []])
        return tree(layout)["children"]

    async def click(self, label):
        props = await self.item()
        name, _ = self.items[-1]
        target = find(await self.menu(), label)
        if target is None:
            raise RuntimeError(f"no menu item {label!r}")
        await self.call(name, props["Menu"], "com.canonical.dbusmenu", "Event", "isvu", [target["id"], "clicked", Variant("i", 0), 0])
        return target


def tree(node):
    ident, props, children = node
    values = {k: v.value for k, v in props.items()}
    return {
        "id": ident,
        "label": values.get("label", "").replace("_", "") if values.get("type") != "separator" else "---",
        "enabled": values.get("enabled", True),
        "visible": values.get("visible", True),
        "toggle": values.get("toggle-state"),
        "children": [tree(child.value) for child in children],
    }


def find(items, label):
    for entry in items:
        if entry["label"] == label:
            return entry
        found = find(entry["children"], label)
        if found:
            return found
    return None


async def main():
    bus = await MessageBus().connect()
    panel = Panel(bus)
    bus.add_message_handler(panel.handle)
    for name in (WATCHER, NOTIFICATIONS):
        reply = await bus.request_name(name)
        if reply != RequestNameReply.PRIMARY_OWNER:
            raise SystemExit(f"cannot own {name}: {reply}")
    print(json.dumps({"ready": True}), flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        command = json.loads(line)
        try:
            if command["cmd"] == "item":
                answer = await panel.item()
            elif command["cmd"] == "menu":
                answer = await panel.menu()
            elif command["cmd"] == "click":
                answer = await panel.click(command["label"])
            elif command["cmd"] == "notifications":
                answer = panel.notifications
            else:
                answer = {"error": f"unknown command {command['cmd']}"}
        except Exception as error:  # reported to the test, which fails with it
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


asyncio.run(main())
