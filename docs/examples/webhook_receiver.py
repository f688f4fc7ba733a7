"""A minimal webhook receiver for remit, for trying webhooks locally.

Verifies every request with the `standardwebhooks` library (installed with remit), prints
`<event type> <event id>` for each good one and answers 204; a bad signature gets 400. The
last verified request of each type is saved as JSON (headers and body) in
`last-<type>.json`, so that other verifiers can replay it.

    REMIT_WEBHOOK_SECRET=whsec_… .venv/bin/python docs/examples/webhook_receiver.py 8001 /tmp/hooks
"""

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8001
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else ".")
OUT.mkdir(parents=True, exist_ok=True)
VERIFIER = Webhook(os.environ["REMIT_WEBHOOK_SECRET"])
SEEN: set[str] = set()  # event ids: deliveries are at least once, so dedupe


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            event = VERIFIER.verify(body, headers)
        except WebhookVerificationError:
            self.send_response(400)
            self.end_headers()
            return
        if event["id"] not in SEEN:
            SEEN.add(event["id"])
            with (OUT / "events.log").open("a") as log:
                log.write(f"{event['type']} {event['id']}\n")
            saved = {"headers": headers, "body": body.decode()}
            (OUT / f"last-{event['type']}.json").write_text(json.dumps(saved))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_: object) -> None:  # quiet
        pass


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
