# Latchkey. `make run` starts the registration backend on the embedded defaults (SQLite in the
# data folder, a demo organization, mail to the development folder) and the desktop app pointed at it
# (the terminal sign-in where there is no display); `make test` sets up everything the tests need
# (system packages, PostgreSQL, the Python peers, the Windows build for the Wine tests, a throwaway
# keyring session) and runs every test.

SHELL := /bin/bash
CARGO ?= cargo
PG_DIR ?= /tmp/latchkey-test-pg
PG_PORT ?= 54329

.PHONY: run test setup-test lint bench fuzz openapi check-platforms installers

run:
	./scripts/run.sh

setup-test:
	./scripts/system-packages.sh
	./scripts/python-env.sh
	./scripts/ui-build.sh
	./scripts/windows-build.sh >/dev/null
	command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked --version ^2 -q
	./scripts/postgres.sh $(PG_DIR) $(PG_PORT) fsync=off >/dev/null

# CI builds from a clean clone once: incremental caches would only take disk.
test: export CARGO_INCREMENTAL ?= 0
test: setup-test
	rustfmt --check --edition 2021 $$(git ls-files '*.rs')
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(MAKE) --no-print-directory check-platforms
	LATCHKEY_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$(PG_PORT)/postgres \
	LATCHKEY_TEST_PYTHON=$(CURDIR)/.venv/bin/python \
	./scripts/with-keyring.sh $(CARGO) test --workspace --all-targets --no-fail-fast

# Installs the Windows and macOS standard libraries (and mingw, for ring's C), then type-checks the
# platform code: configuration readers, transports, and on Windows the agent, SDK and CLI.
check-platforms:
	for t in x86_64-pc-windows-gnu x86_64-apple-darwin; do rustup target list --installed | grep -qx $$t || rustup target add $$t; done
	command -v x86_64-w64-mingw32-gcc >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
	./scripts/check-platforms.sh

# Every package this machine can build, into dist/ (deb, rpm, the x64 MSI, the macOS pkg's
# inputs, the Group Policy templates): see installer/README.md.
installers:
	./scripts/system-packages.sh
	./installer/build.sh

# Rewrites the committed OpenAPI documents (backend and local API) from the code.
openapi:
	LATCHKEY_UPDATE_OPENAPI=1 $(CARGO) test -p latchkey-server --test openapi
	LATCHKEY_UPDATE_OPENAPI=1 $(CARGO) test -p latchkey-agent --test openapi

bench:
	./bench/run.sh
	./bench/bulk.sh
	./bench/pow.sh
	./bench/delivery.sh
	./scripts/with-keyring.sh ./bench/agent.sh
	./scripts/with-keyring.sh ./bench/desktop.sh

# A long schemathesis run (property-based requests from the OpenAPI document) against a live server,
# then a bounded AFL++ run of the agent's local API (FUZZ_SECONDS, 600 by default).
fuzz: setup-test
	./scripts/fuzz-local-api.sh
	LATCHKEY_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$(PG_PORT)/postgres \
	LATCHKEY_TEST_PYTHON=$(CURDIR)/.venv/bin/python LATCHKEY_SCHEMATHESIS_EXAMPLES=$${EXAMPLES:-2000} \
	$(CARGO) test -p latchkey-server --test schemathesis -- --nocapture
