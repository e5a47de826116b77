import { spawn } from "node:child_process";
import { freePort } from "../test/support/free-port";
import { callsPerSecond, getStatus, postJson } from "./support";

// The bare node:http floor: what these cores answer with no portal at all,
// measured in the same run as the portal's figure and by the same load
// generator, so a target is a share of it ("registration >= 0.10x the floor")
// and holds on a faster or slower machine alike. The server runs in a process
// of its own, as the portal does; for a POST it reads and parses the JSON
// body and answers with a body the size of a registration's.
const FLOOR_SERVER = `
const { createServer } = require("node:http");
const answer = JSON.stringify({ id: "00000000-0000-4000-8000-000000000000", access_key: "x".repeat(43),
  hub_url: "http://127.0.0.1:3000/v1", hub_url_static_cert: "http://127.0.0.1:3000/v1", mqtt_hub_url: "mqtt://127.0.0.1:1883" });
createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (req.method === "POST") JSON.parse(body);
    res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) });
    res.end(answer);
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
`;

/** Requests/s the bare server answers: `clients` concurrent clients for `seconds`, a POST of `body` or a GET. */
export async function measureFloor(options: { clients: number; seconds: number; body?: unknown }): Promise<number> {
  const port = await freePort();
  const server = spawn(process.execPath, ["-e", FLOOR_SERVER], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.once("data", () => resolve());
      server.once("exit", (code) => reject(new Error(`the floor server exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/floor`;
    const call = () =>
      options.body === undefined ? getStatus(url) : postJson(url, options.body).then((r) => r.status);
    return await callsPerSecond(options.clients, options.seconds, call);
  } finally {
    server.kill("SIGTERM");
  }
}
