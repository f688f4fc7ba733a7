// Verify a remit webhook in JavaScript with Node's crypto alone (Standard Webhooks scheme).
// Usage: REMIT_WEBHOOK_SECRET=whsec_… node docs/examples/verify_webhook.mjs /tmp/hooks/last-customer.created.json
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";

export function verify(secret, headers, body, toleranceSeconds = 300) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) throw new Error("missing webhook headers");
  const now = Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > toleranceSeconds) throw new Error("stale timestamp");
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",");
    const given = Buffer.from(value ?? "", "base64");
    if (version === "v1" && given.length === expected.length && timingSafeEqual(given, expected)) {
      return JSON.parse(body);
    }
  }
  throw new Error("no valid signature");
}

const saved = JSON.parse(readFileSync(process.argv[2], "utf8"));
const event = verify(process.env.REMIT_WEBHOOK_SECRET, saved.headers, saved.body);
console.log(`verified ${event.type}`);
try {
  verify(process.env.REMIT_WEBHOOK_SECRET, saved.headers, saved.body.replace("customer", "kustomer"));
  console.log("tampered body accepted");
} catch {
  console.log("tampered body refused");
}
