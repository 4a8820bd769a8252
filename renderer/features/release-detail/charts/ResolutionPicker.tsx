import { useStore } from '../../../store/context.tsx';
import { bucketLabel } from './buckets.ts';

/** Buckets (with the canary's band) or every point: one choice for all the charts of the page. */
export function ResolutionPicker({ bucket }: { bucket: number | null }) {
  const resolution = useStore((s) => s.chartResolution);
  const setResolution = useStore((s) => s.setChartResolution);
  return (
    <div className="panel-tools resolution-picker" role="group" aria-label="Chart resolution">
      <button type="button" className="button small" aria-pressed={resolution === 'buckets'} onClick={() => setResolution('buckets')}>
        {bucket !== null ? `${bucketLabel(bucket)} buckets` : 'Buckets'}
      </button>
      <button type="button" className="button small" aria-pressed={resolution === 'points'} onClick={() => setResolution('points')}>
        Every point
      </button>
    </div>
  );
}
