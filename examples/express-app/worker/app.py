"""Order worker: a small Flask API that takes fulfilment jobs from the shop and queues them in Redis."""
import logging

import redis
from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "f3a9000c7b21e4d8a6b5c0e9d2f17a43"

# Logs are written to a file next to the code instead of the process's output stream.
handler = logging.FileHandler("/var/log/shop/worker.log")
handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
log = logging.getLogger("worker")
log.addHandler(handler)
log.setLevel(logging.INFO)

queue = redis.Redis.from_url("redis://cache.shop.internal:6379/1")


@app.post("/jobs")
def enqueue():
    job = request.get_json(force=True)
    queue.rpush("fulfilment", job["order_id"])
    log.info("queued order %s", job["order_id"])
    return jsonify(queued=True), 202


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
