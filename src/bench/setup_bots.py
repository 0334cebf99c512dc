"""The benchmark's admin API steps, as a user would take them. BASE ADMIN_TOKEN OUT then:
  relaxed    bots of scenarios (b), (c), (e) and (g); writes the URL files wrk reads
  defaults   the one bot of scenario (f), with the shipped settings; writes urls-defaults.txt
  counter    prints the value of (g)'s shared property n (0 when it was never written)
"""
import json
import sys
import urllib.request
from urllib.parse import urlsplit

base, admin_token, out, step = sys.argv[1:5]


def call(method, path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def bot(name, commands):
    created = call("POST", "/api/v1/bots", admin_token, {"name": name})
    for command, code in commands.items():
        call("POST", f"/api/v1/bots/{created['id']}/commands", created["api_key"], {"name": command, "code": code})
    return created


def url(created, request):
    made = call("POST", f"/api/v1/bots/{created['id']}/webhook-urls", created["api_key"], request)["url"]
    parts = urlsplit(made)
    return parts.path + "?" + parts.query


def relaxed():
    trivial = bot("bench-trivial", {"/trivial": "Bot.sendMessage('ok')"})
    with open(f"{out}/urls-trivial.txt", "w") as f:
        f.write(url(trivial, {"command": "/trivial"}) + "\n")

    writes = bot("bench-writes", {"/pay": "let order = JSON.parse(content)\n"
                                          "User.setProp('last_order', order, 'json')\n"
                                          "Bot.sendMessage('paid ' + order.order)"})
    with open(f"{out}/urls-writes.txt", "w") as f:
        for user in range(1, 101):
            call("PUT", f"/api/v1/bots/{writes['id']}/users/{user}", writes["api_key"], {"first_name": f"user{user}"})
            f.write(url(writes, {"command": "/pay", "user_id": user}) + "\n")

    with open(f"{out}/urls-many-bots.txt", "w") as f:
        for n in range(100):
            created = bot(f"bench-many-{n}", {"/hook": "Bot.sendMessage('bot ' + bot.id)"})
            f.write(url(created, {"command": "/hook"}) + "\n")

    # One bot property that every run of (g) reads and rewrites.
    counter = bot("bench-counter", {"/count": 'Bot.setProp("n", Bot.getProp("n", 0) + 1, "integer")'})
    with open(f"{out}/urls-counter.txt", "w") as f:
        f.write(url(counter, {"command": "/count"}) + "\n")
    with open(f"{out}/counter-bot.json", "w") as f:
        json.dump({"id": counter["id"], "api_key": counter["api_key"]}, f)


def defaults():
    shipped = bot("bench-defaults", {"/trivial": "Bot.sendMessage('ok')"})
    with open(f"{out}/urls-defaults.txt", "w") as f:
        f.write(url(shipped, {"command": "/trivial"}) + "\n")


def counter():
    with open(f"{out}/counter-bot.json") as f:
        made = json.load(f)
    listed = call("GET", f"/api/v1/bots/{made['id']}/properties", made["api_key"])["properties"]
    print(next((p["value"] for p in listed if p["name"] == "n" and p["user_id"] is None), 0))


{"relaxed": relaxed, "defaults": defaults, "counter": counter}[step]()
if step != "counter":
    print(f"bots ready ({step})")
