import { useStore } from '../store/context.tsx';

const TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', ended: 'Session ended' } as const;

/** Whether pushes are arriving: a wall screen must never look live when it is not. */
export function ConnectionIndicator() {
  const connection = useStore((s) => s.connection);
  return (
    <div className={`connection connection-${connection}`} data-testid="connection-state" role="status">
      <span className="connection-dot" aria-hidden="true" />
      {TEXT[connection]}
    </div>
  );
}
