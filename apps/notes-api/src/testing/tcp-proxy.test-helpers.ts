// A TCP proxy in front of MariaDB that a test can cut and restore, to break the app's database connections
// for real without stopping the shared MariaDB other engineers use.
import { connect, createServer, type Server, type Socket } from "node:net";

export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private blackholed = false;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
  }

  private relay(client: Socket): void {
    this.track(client);
    // A partitioned network answers nothing: hold the client without ever connecting upstream.
    if (this.blackholed) return;
    const upstream = connect(this.target.port, this.target.host);
    this.track(upstream);
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", destroyBoth);
    upstream.on("error", destroyBoth);
    client.pipe(upstream).pipe(client);
  }

  async start(): Promise<void> {
    this.blackholed = false;
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  /** Stops passing bytes both ways, like a dropped route: nothing is refused, nothing answers. */
  blackhole(): void {
    this.blackholed = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  /** Refuses new connections and resets every open one, as a crashed database host would. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
