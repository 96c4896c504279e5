"""Indexing worker: takes note ids from a Redis list and rebuilds their search entries."""
import logging
import os
import signal
import sys

import redis

logging.basicConfig(stream=sys.stdout, level=os.environ.get("LOG_LEVEL", "INFO"),
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("worker")

queue = redis.Redis.from_url(os.environ["REDIS_URL"])
running = True


def stop(signum, _frame):
    global running
    log.info("signal %s received, finishing the current job", signum)
    running = False


signal.signal(signal.SIGTERM, stop)


def index_note(note_id):
    log.info("indexing note %s", note_id)


def main():
    while running:
        item = queue.blpop("notes:index", timeout=5)
        if item is not None:
            index_note(item[1].decode())


if __name__ == "__main__":
    main()
