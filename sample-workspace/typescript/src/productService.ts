// Product service: Express routes over Postgres, with Redis as a cache-aside cache.
import express from "express";
import { Redis } from "ioredis";
import pg from "pg";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });

const PRODUCT_TTL_SECONDS = 300;
const PRODUCT_COLUMNS = "id, name, price_cents AS \"priceCents\", stock";

export interface Product {
  id: number;
  name: string;
  priceCents: number;
  stock: number;
}

export async function getProduct(id: number): Promise<Product | null> {
  // Correct cache-aside read: serve from the cache, otherwise load the row and fill with a TTL.
  const cached = await redis.get(`product:${id}`);
  if (cached !== null) return JSON.parse(cached) as Product;
  const { rows } = await db.query<Product>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1`, [id]);
  if (rows.length === 0) return null;
  await redis.set(`product:${id}`, JSON.stringify(rows[0]), "EX", PRODUCT_TTL_SECONDS);
  return rows[0];
}

export async function updatePrice(id: number, priceCents: number): Promise<Product | null> {
  const { rows } = await db.query<Product>(
    `UPDATE products SET price_cents = $1 WHERE id = $2 RETURNING ${PRODUCT_COLUMNS}`,
    [priceCents, id],
  );
  if (rows.length === 0) return null;
  // BUG: updates the cache instead of deleting it. Two concurrent updates can commit in one
  // order and reach Redis in the other, leaving the older price cached until the TTL ends.
  await redis.set(`product:${id}`, JSON.stringify(rows[0]), "EX", PRODUCT_TTL_SECONDS);
  return rows[0];
}

export async function renameProduct(id: number, name: string): Promise<boolean> {
  const { rowCount } = await db.query("UPDATE products SET name = $1 WHERE id = $2", [name, id]);
  // Correct: deletes after the write. A delete carries no value, so concurrent writers cannot
  // leave an old one behind; the next getProduct loads the committed row.
  await redis.del(`product:${id}`);
  return rowCount === 1;
}

const app = express();
app.use(express.json());

app.get("/products/:id", async (req, res) => {
  const product = await getProduct(Number(req.params.id));
  if (product === null) res.sendStatus(404);
  else res.json(product);
});

app.put("/products/:id/price", async (req, res) => {
  const product = await updatePrice(Number(req.params.id), Number(req.body.priceCents));
  if (product === null) res.sendStatus(404);
  else res.json(product);
});

app.put("/products/:id/name", async (req, res) => {
  const renamed = await renameProduct(Number(req.params.id), String(req.body.name));
  res.sendStatus(renamed ? 204 : 404);
});

app.post("/admin/products/cache/clear", async (_req, res) => {
  // BUG: KEYS walks the whole keyspace in one blocking O(N) command; on a large Redis it stalls
  // every other client, and here any admin request can trigger it.
  const keys = await redis.keys("product:*");
  if (keys.length > 0) await redis.del(...keys);
  res.sendStatus(204);
});

app.post("/admin/reviews/cache/clear", async (_req, res) => {
  // Correct: SCAN visits the keyspace in small batches, so Redis keeps serving other clients,
  // and UNLINK frees the values in the background.
  for await (const keys of redis.scanStream({ match: "review:*", count: 500 })) {
    if (keys.length > 0) await redis.unlink(...(keys as string[]));
  }
  res.sendStatus(204);
});

app.listen(Number(process.env.PORT ?? 3000));
