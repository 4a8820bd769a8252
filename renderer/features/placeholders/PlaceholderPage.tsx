import { usePageTitle } from '../../lib/usePageTitle.ts';

/** A page whose feature is planned but not built; it says so rather than showing an empty screen. */
export function PlaceholderPage({ title, about }: { title: string; about: string }) {
  usePageTitle(title);
  return (
    <section className="page">
      <h1>{title}</h1>
      <div className="placeholder" data-testid="placeholder">
        <p className="placeholder-tag">Placeholder — arrives in a later version</p>
        <p className="muted">{about}</p>
      </div>
    </section>
  );
}
