#!/usr/bin/env bash
# `make demo`: the README's "Try it", steps 1 to 5, against a running service (`make run` in another terminal):
# a bot, a user, the /onWebhook command, a signed URL called twice; then the bot's id, API key and the console's URL.
set -euo pipefail

URL=${URL:-http://localhost:8080}
ADMIN="Authorization: Bearer ${WEBHOOKS_ADMIN_TOKEN:?the admin token (make run uses dev-admin-token)}"
json() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
# Fails on a 4xx or 5xx and shows the problem the service answered.
call() { curl -sS --fail-with-body "$@"; }

if ! curl -s -o /dev/null "$URL/api/v1/openapi.json"; then
  echo "no service at $URL: start it with 'make run' in another terminal (or set URL=...)" >&2
  exit 1
fi
CREATED=$(call -X POST "$URL/api/v1/bots" -H "$ADMIN" -H 'Content-Type: application/json' -d '{"name":"demo"}')
BOT=$(echo "$CREATED" | json id); KEY=$(echo "$CREATED" | json api_key)
AUTH="Authorization: Bearer $KEY"
call -o /dev/null -X PUT "$URL/api/v1/bots/$BOT/users/42" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"first_name":"Ann","telegramid":4242}'
call -o /dev/null -X POST "$URL/api/v1/bots/$BOT/commands" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"name":"/onWebhook","code":"Bot.sendMessage(\"Hello, \" + user.first_name + \": \" + content);"}'
BOT_URL=$(call -X POST "$URL/api/v1/bots/$BOT/webhook-urls" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"command":"/onWebhook","content":"Did you see the cat?","user_id":42}' | json url)
echo "GET  $BOT_URL"
echo "  -> $(call "$BOT_URL")"
echo "POST {\"order\":7}"
echo "  -> $(call "$BOT_URL" -d '{"order":7}')"
cat <<DONE

bot $BOT, API key $KEY (shown once)
The console: $URL/console/  (sign in with the key and bot id $BOT, or the admin token)
Its calls:   curl -s $URL/api/v1/bots/$BOT/calls -H 'Authorization: Bearer $KEY'
DONE
