# The two commands of README.md: `make run` and `make test`. Everything else
# here is what they are made of.
BUILD ?= build
JOBS ?= $(shell nproc)
PORT ?= 8080
DATA ?= ./var

WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts \
               web/tsconfig.json package.json package-lock.json \
               src/http/openapi.base.json $(wildcard src/http/*/openapi.json) $(wildcard tools/openapi/*.mjs)

NATS_PORT ?= 4222

.PHONY: run test setup build web clean nats

run: build
	./$(BUILD)/dandelion serve --port $(PORT) --data $(DATA) --seed-demo

test: build
	scripts/test $(BUILD)

# A local message stream for several nodes (serve/worker --nats
# nats://127.0.0.1:$(NATS_PORT)): nats-server with JetStream, its store in
# $(DATA)/nats, in the foreground (Ctrl-C stops it).
nats: setup
	nats-server -js -a 127.0.0.1 -p $(NATS_PORT) -sd $(DATA)/nats

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
