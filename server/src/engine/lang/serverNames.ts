/**
 * Names that say "this is a server or an app", shared by every adapter that has to tell `app.listen(3000)` from
 * `queue.listen(5)`: `app`, `server`, `srv`, `api`, `application` and names ending in them (`httpServer`,
 * `expressApp`), plus framework instances named after their framework. One table for listen sites and project facts.
 */
export const SERVER_NAME = /^(?:app|application|api|srv|fastify|koa|polka|express|hapi|restify|nest)$|(?:app|server|srv)$|(?:^|[a-z_])(?:api|application)$/i;

/** `'host:port'` → its parts, for address strings: gunicorn's bind, gRPC's `'[::]:50051'`, Go's `":8080"`. */
export function splitAddress(text: string | undefined): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]*\]|[\w.-]*):(\d{1,5})$/.exec(text ?? '');
  const port = match ? Number(match[2]) : 0;
  return match && port >= 1 && port <= 65535 ? { host: match[1], port } : undefined;
}
