# The two commands of README.md: `make run` and `make test`. Everything else
# here is what they are made of.
BUILD ?= build
JOBS ?= $(shell nproc)
PORT ?= 8080
DATA ?= ./var

WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts \
               web/tsconfig.json package.json package-lock.json \
               src/http/openapi.base.json $(wildcard src/http/*/openapi.json) $(wildcard tools/openapi/*.mjs)

.PHONY: run test setup build web clean

run: build
	./$(BUILD)/dandelion serve --port $(PORT) --data $(DATA) --seed-demo

test: build
	scripts/test $(BUILD)

setup:
	scripts/setup

web/dist/index.html: $(WEB_SOURCES) | setup
	npm run build --silent

web: web/dist/index.html

build: setup web
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

clean:
	rm -rf $(BUILD) web/dist
