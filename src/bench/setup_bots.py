"""Makes the benchmark's bots through the admin API and writes the URL files wrk reads."""
import json
import sys
import urllib.request
from urllib.parse import urlsplit

base, admin_token, out = sys.argv[1], sys.argv[2], sys.argv[3]


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
    # A generous rate limit: the benchmark measures capacity, not the limiter.
    try:
        call("PATCH", f"/api/v1/bots/{created['id']}", created["api_key"],
             {"rate_limit": {"per_second": 1000000, "burst": 1000000}})
    except Exception:
        pass
    return created


def url(created, request):
    made = call("POST", f"/api/v1/bots/{created['id']}/webhook-urls", created["api_key"], request)["url"]
    parts = urlsplit(made)
    return parts.path + "?" + parts.query


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
print("bots ready")
