export interface PostgresServer {
  url: string;
  port: number;
  /** Stops the server (fast shutdown: every session ends), keeping its folder and port. */
  pause(): Promise<void>;
  /** Starts the paused server again. */
  resume(): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}
export function findPostgresBin(): string | null;
export function freePort(): Promise<number>;
export function startPostgres(options?: { port?: number; quiet?: boolean }): Promise<PostgresServer>;
