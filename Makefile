# bot-webhooks: `make help` lists the targets.
MVN ?= mvn -B
# Dev-only admin token for `make run`; production sets WEBHOOKS_ADMIN_TOKEN itself (no default there).
WEBHOOKS_ADMIN_TOKEN ?= dev-admin-token
export WEBHOOKS_ADMIN_TOKEN

.PHONY: help run demo test bench build image image-push clean import export screenshots

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

# java, not spring-boot:test-run, so that Ctrl-C stops the service alone (no Maven error). It runs in a session
# of its own and Ctrl-C reaches it from here as SIGTERM: the embedded PostgreSQL it starts must not get the
# terminal's Ctrl-C too, or the database stops before the service has shut down gracefully.
run: ## Run the service on :8080, actuator on :8081 (embedded PostgreSQL unless WEBHOOKS_DATABASE_HOST is set)
	@$(MVN) -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/run-classpath.txt
	@setsid java -cp "target/test-classes:target/classes:$$(cat target/run-classpath.txt)" dev.botwebhooks.DevBotWebhooksApplication & \
	  pid=$$!; trap 'stopped=130; kill -TERM $$pid' INT TERM; wait $$pid; status=$$?; \
	  while kill -0 $$pid 2>/dev/null; do wait $$pid; status=$$?; done; exit $${stopped:-$$status}

demo: ## With `make run` going: a demo bot, user, command and URL (README's Try it, 1-5); prints the console's URL and the key
	@URL="$(URL)" bash src/demo/demo.sh

test: ## Run all tests against a real PostgreSQL (configured, else embedded), then start the built jar (java -jar)
	$(MVN) verify

screenshots: ## Save a PNG of each console page into target/screenshots/ (headless Chromium, ConsoleBrowserTest)
	$(MVN) test -Dtest=ConsoleBrowserTest -Dconsole.screenshots=true -Dsurefire.failIfNoSpecifiedTests=false

bench: ## Benchmark the service against a bare WebFlux baseline with wrk, CPU per request, plus JMH (about 8 min; results in target/bench/)
	MVN="$(MVN)" bash src/bench/bench.sh

# import/export talk to a running service: URL (default http://localhost:8080), BOT (its id), KEY (its API key).
URL ?= http://localhost:8080

import: ## Import a Bots.Business bot folder: make import BOT=1 KEY=bwk_... DIR=path/to/bot [STRICT=true]
	@test -n "$(BOT)" -a -n "$(KEY)" -a -d "$(DIR)" || { echo "usage: make import BOT=<id> KEY=<api key> DIR=<bot folder> [URL=...] [STRICT=true]"; exit 2; }
	@tar czf - -C "$(DIR)" --exclude=.git . | curl -sS --fail-with-body -X POST -H "Authorization: Bearer $(KEY)" \
		-H 'Content-Type: application/gzip' --data-binary @- "$(URL)/api/v1/bots/$(BOT)/import?strict=$(or $(STRICT),false)"; echo

export: ## Export a bot in Bots.Business's layout: make export BOT=1 KEY=bwk_... OUT=bot.zip
	@test -n "$(BOT)" -a -n "$(KEY)" -a -n "$(OUT)" || { echo "usage: make export BOT=<id> KEY=<api key> OUT=<file.zip> [URL=...]"; exit 2; }
	@curl -sS --fail-with-body -H "Authorization: Bearer $(KEY)" -o "$(OUT)" "$(URL)/api/v1/bots/$(BOT)/export" && echo "wrote $(OUT)"

build: ## Build the runnable jar into target/
	$(MVN) -DskipTests package

image: ## Build the container image into target/jib-image.tar, no Docker daemon needed (pulls the JRE base image)
	$(MVN) -DskipTests package jib:buildTar

image-push: ## Build and push the image: make image-push IMAGE=registry.example.com/bot-webhooks:tag
	$(MVN) -DskipTests package jib:build -Dimage=$(IMAGE)

clean: ## Remove build output (keeps the dev database in .data/)
	$(MVN) -q clean
