/** How the push channel is doing; the shell shows it so a war-room screen never looks live when it is not. */
/** 'ended': the host answered 401, e.g. it restarted with a new token; only the new URL it printed helps. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface ClientOptions {
  onConnection?: (state: ConnectionState) => void;
}
