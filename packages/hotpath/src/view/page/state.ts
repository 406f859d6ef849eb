// The one selection state of the page: every view reads the selected function from here and
// every view's click goes through select(), so selecting anywhere focuses everything.

/** Called with the newly selected frame (or null) after every change of selection. */
export type SelectionListener = (frame: number | null) => void;

/** The selected function, by frame index, and who wants to hear when it changes. */
export interface SelectionStore {
  readonly selected: number | null;
  /** Selects `frame` (null clears); does nothing when it is already selected. */
  select(frame: number | null): void;
  subscribe(listener: SelectionListener): void;
}

/** A new store with nothing selected. */
export function createSelectionStore(): SelectionStore {
  let selected: number | null = null;
  const listeners: SelectionListener[] = [];
  return {
    get selected() {
      return selected;
    },
    select(frame) {
      if (frame === selected) return;
      selected = frame;
      for (const listener of listeners) listener(frame);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}
