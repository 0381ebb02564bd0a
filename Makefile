# faq-search: `make demo` serves the demo help center, `make test` runs every test.
# Both set up a fresh Debian machine first (scripts/setup.sh is idempotent).

PORT ?= 8080
CORPUS ?= www/demo/articles.jsonl
export PORT CORPUS

.PHONY: demo test build setup serve clean

demo: build
	./scripts/serve.sh

test: setup
	./scripts/test.sh

build: setup
	./scripts/build-dist.sh

setup:
	./scripts/setup.sh

serve:
	./scripts/serve.sh

clean:
	rm -rf dist target/widget-pkg tests/e2e/artifacts
