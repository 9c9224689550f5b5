import 'server-only';
/**
 * LISTEN on a PostgreSQL server through one connection of its own (a pooled one would be handed to other queries).
 * When that connection breaks it is made again, with growing pauses, and every listener hears `null`: notifications
 * sent meanwhile are lost, so whoever caches must drop everything.
 */
import pg from 'pg';
import { logAlert } from '../log';
import type { NotificationListener } from './store';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class NotificationListeners {
  private readonly channels = new Map<string, Set<NotificationListener>>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = 250;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async add(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    let set = this.channels.get(channel);
    const isNew = !set;
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
    }
    set.add(listener);
    try {
      const client = await this.connection();
      if (isNew) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      // The server is away: the listener stays registered and hears `null` once the connection is back.
      logAlert('store.listen.lost', { message: error instanceof Error ? error.message : String(error) });
      this.dropClient();
      this.scheduleReconnect();
    }
    return async () => {
      const current = this.channels.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.channels.delete(channel);
      await this.client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.timeoutMs });
    client.on('notification', (message) => {
      for (const listener of this.channels.get(message.channel) ?? []) listener(message.payload ?? '');
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (error) logAlert('store.listen.lost', { message: error.message });
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private dropClient(): void {
    const client = this.client;
    this.client = null;
    client?.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connection().then(
        () => {
          this.retryMs = 250;
          for (const set of this.channels.values()) for (const listener of set) listener(null);
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 5000);
          this.scheduleReconnect();
        },
      );
    }, this.retryMs);
    this.retryTimer.unref();
  }
}
