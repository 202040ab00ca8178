export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/**
 * A transport as the client sees it: call a procedure by name, listen to events.
 * Implementations: {@link createMessageLink} (Electron IPC, WebSocket) and
 * {@link createHttpLink} (HTTP calls, events over a WebSocket).
 */
export interface Link {
  /** Resolves with the raw output or rejects with a WorkbenchError. */
  call(procedure: string, input: unknown, signal?: AbortSignal): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  close(): void;
}

/** A bidirectional channel of wire messages: the preload bridge, or a WebSocket. */
export interface MessagePort {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  /** Ports that can drop (sockets) report it; IPC ports are always connected. */
  onConnectionChange?(listener: (state: ConnectionState) => void): () => void;
  readonly connection?: ConnectionState;
  close?(): void;
}
