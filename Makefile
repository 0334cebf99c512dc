# bot-webhooks: `make help` lists the targets.
MVN ?= mvn -B
# Dev-only admin token for `make run`; production sets WEBHOOKS_ADMIN_TOKEN itself (no default there).
WEBHOOKS_ADMIN_TOKEN ?= dev-admin-token
export WEBHOOKS_ADMIN_TOKEN

.PHONY: help run test build clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

run: ## Run the service on :8080 (embedded PostgreSQL unless WEBHOOKS_DATABASE_HOST is set)
	$(MVN) -q spring-boot:test-run

test: ## Run all tests against a real PostgreSQL (configured, else embedded)
	$(MVN) test

build: ## Build the runnable jar into target/
	$(MVN) -DskipTests package

clean: ## Remove build output (keeps the dev database in .data/)
	$(MVN) -q clean
