# faq-search: `make demo` serves the demo help center, `make test` runs every test.
# Both set up a fresh Debian machine first (scripts/setup.sh is idempotent).

PORT ?= 8080
CORPUS ?= www/demo/articles.jsonl
export PORT CORPUS

.PHONY: demo test build release setup serve clean

demo: build
	./scripts/serve.sh

test: setup
	./scripts/test.sh

build: setup
	./scripts/build-dist.sh

# target/release-artifacts/: the Linux archive and the npm package (README, "Releasing").
release: setup
	./scripts/release.sh

setup:
	./scripts/setup.sh

serve:
	./scripts/serve.sh

clean:
	rm -rf dist target/widget-pkg target/release-artifacts tests/e2e/artifacts
