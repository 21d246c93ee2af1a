// The floor: node:http + mysql2 with nothing else (no framework, validation, logging, headers or schemas),
// the same SQL as notes-api, node:cluster with BARE_WORKERS workers. Measured beside notes-api to show how
// much of a gap to the peer is the database and the machine rather than our own code. Not a product.
import cluster from "node:cluster";
import { createServer } from "node:http";
import mysql from "mysql2/promise";

const COLUMNS = "id, title, description, done, version, created_at, updated_at";
const workers = Number(process.env.BARE_WORKERS ?? 2);
// BARE_READ_BACK=1: create reads the row back after the INSERT (notes-api did until issue 15), a second
// round trip; otherwise one INSERT, as notes-api does now.
const readBack = process.env.BARE_READ_BACK === "1";

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  const pool = mysql.createPool({
    uri: process.env.DATABASE_URL,
    connectionLimit: 10,
    dateStrings: true,
    trace: false,
  });
  const send = (res, status, body) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  };
  const readBody = (req) =>
    new Promise((resolve, reject) => {
      let data = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => {
        data += chunk;
      });
      req.on("end", () => resolve(data));
      req.on("error", reject);
    });
  const handle = async (req, res) => {
    if (req.method === "GET" && req.url.startsWith("/api/notes")) {
      const limit = Number(new URL(req.url, "http://x").searchParams.get("limit") ?? 20);
      const [rows] = await pool.query(`SELECT ${COLUMNS} FROM notes WHERE id < ? ORDER BY id DESC LIMIT ?`, [
        Number.MAX_SAFE_INTEGER,
        limit + 1,
      ]);
      return send(res, 200, { notes: rows.slice(0, limit) });
    }
    if (req.method === "POST" && req.url === "/api/notes") {
      const { title, description } = JSON.parse(await readBody(req));
      const at = new Date().toISOString();
      const when = `${at.slice(0, 10)} ${at.slice(11, 23)}`;
      const [result] = await pool.query(
        "INSERT INTO notes (title, description, done, version, created_at, updated_at) VALUES (?, ?, FALSE, 1, ?, ?)",
        [title, description, when, when],
      );
      if (!readBack) {
        const note = {
          id: result.insertId,
          title,
          description,
          done: false,
          version: 1,
          createdAt: at,
          updatedAt: at,
        };
        return send(res, 201, note);
      }
      const [rows] = await pool.query(`SELECT ${COLUMNS} FROM notes WHERE id = ?`, [result.insertId]);
      return send(res, 201, rows[0]);
    }
    if (req.url === "/readyz") return send(res, 200, { status: "ready" });
    return send(res, 404, { message: "not found" });
  };
  process.once("SIGINT", () => process.exit(0));
  createServer((req, res) => handle(req, res).catch(() => send(res, 500, { message: "error" }))).listen(
    Number(process.env.PORT ?? 5190),
    process.env.HOST ?? "127.0.0.1",
  );
}
