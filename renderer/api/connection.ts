/** How the push channel is doing; the shell shows it so a war-room screen never looks live when it is not. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface ClientOptions {
  onConnection?: (state: ConnectionState) => void;
}
