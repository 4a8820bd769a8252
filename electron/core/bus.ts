import type { PushEvent } from '../../shared/index.ts';

export type Listener = (event: PushEvent) => void;

/** The one channel of pushes; a listener that throws is dropped rather than breaking the others. */
export class EventBus {
  #listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: PushEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
