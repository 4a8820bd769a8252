import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useMatch, useNavigate } from 'react-router';
import { useReads } from '../../api/ApiProvider.tsx';
import { useRole } from '../../api/useInfo.ts';
import { isPaletteShortcut, isTyping, modKeyName } from '../../lib/keys.ts';
import { ModalDialog } from '../../ui/ModalDialog.tsx';
import { useStore } from '../../store/context.tsx';
import { buildCommands, filterCommands, movedIndex, pageForKey, type Command } from './commands.ts';
import './palette.css';

/** How long after G the second key of a page shortcut counts. */
const CHORD_MS = 1500;

/**
 * Ctrl/⌘+K from anywhere opens the palette; G then a letter goes to a page (when not typing in a field).
 * Installed once, in the shell.
 */
export function usePaletteKeys(): void {
  const setOpen = useStore((s) => s.setPaletteOpen);
  const navigate = useNavigate();
  useEffect(() => {
    let chordAt = -Infinity;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (isPaletteShortcut(event)) {
        event.preventDefault();
        setOpen(true);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === 'g' || event.key === 'G') {
        chordAt = Date.now();
        return;
      }
      const to = Date.now() - chordAt <= CHORD_MS ? pageForKey(event.key) : undefined;
      chordAt = -Infinity;
      if (to) {
        event.preventDefault();
        navigate(to);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [setOpen, navigate]);
}

/** The palette's button in the sidebar: where it is found without knowing the shortcut. */
export function PaletteButton() {
  const setOpen = useStore((s) => s.setPaletteOpen);
  return (
    <button type="button" className="palette-button" aria-keyshortcuts="Control+K Meta+K" onClick={() => setOpen(true)}>
      <span>Go to or run…</span>
      <span className="palette-button-keys" aria-hidden="true">
        <kbd>{modKeyName()}</kbd>
        <kbd>K</kbd>
      </span>
    </button>
  );
}

export function CommandPalette() {
  const open = useStore((s) => s.paletteOpen);
  return open ? <PaletteDialog /> : null;
}

/**
 * The command palette: a modal dialog with one combobox; typing filters the releases, trains, flags,
 * pages and the actions allowed now; arrows move, Enter runs, Escape closes and focus goes back to
 * where it was. The list is a listbox whose active option the input names (aria-activedescendant),
 * so focus stays in the text while the choice moves.
 */
function PaletteDialog() {
  const setOpen = useStore((s) => s.setPaletteOpen);
  const requestAction = useStore((s) => s.requestAction);
  // An ended session acts on nothing: only where to go is offered.
  const ended = useStore((s) => s.connection === 'ended');
  const operator = useRole() === 'operator' && !ended;
  const reads = useReads();
  // The release on screen, as its page has it: its allowed actions are offered first.
  const onScreenId = useMatch('/releases/:id')?.params.id;
  const onScreen = useQuery({ ...reads.release(onScreenId ?? ''), enabled: onScreenId !== undefined }).data ?? null;
  // What it lists is fetched if no page has: every release, train and flag can be reached from anywhere.
  const releases = useQuery(reads.releases()).data ?? null;
  const trains = useQuery(reads.trains()).data ?? null;
  const flags = useQuery(reads.flags()).data ?? null;
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const returnTo = useRef<HTMLElement | null>(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const moved = useRef(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const ids = { title: useId(), list: useId(), count: useId(), option: useId() };

  // Back where it was, unless a command moved the page on (then to the page's content).
  const focusBack = () => {
    if (moved.current) document.getElementById('main')?.focus();
    else returnTo.current?.focus();
  };

  const commands = useMemo(() => buildCommands({ operator, detail: onScreen, releases, trains, flags }), [operator, onScreen, releases, trains, flags]);
  const shown = useMemo(() => filterCommands(commands, query), [commands, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));
  const optionId = (i: number) => `${ids.option}-${i}`;

  useEffect(() => {
    list.current?.querySelector(`[id="${CSS.escape(optionId(current))}"]`)?.scrollIntoView({ block: 'nearest' });
    // optionId is derived from a stable id.
  }, [current, shown]);

  const close = () => setOpen(false);
  const run = (command: Command | undefined) => {
    if (!command) return;
    moved.current = command.run.kind === 'go';
    if (command.run.kind === 'go') navigate(command.run.to);
    else requestAction(command.run.releaseId, command.run.action);
    close();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      run(shown[current]);
      return;
    }
    const next = movedIndex(current, shown.length, event.key);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
  };

  let lastGroup: string | null = null;
  return (
    <ModalDialog
      className="dialog palette"
      aria-labelledby={ids.title}
      data-testid="command-palette"
      initialFocus={input}
      onClose={close}
      onClosed={focusBack}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === event.currentTarget) close();
      }}
    >
      <h2 id={ids.title} className="visually-hidden">
        Command palette
      </h2>
      <input
        ref={input}
        className="input palette-input"
        type="text"
        role="combobox"
        aria-label="Go to a release, train, flag or page, or run an action"
        aria-expanded="true"
        aria-controls={ids.list}
        aria-autocomplete="list"
        aria-activedescendant={shown.length ? optionId(current) : undefined}
        aria-describedby={ids.count}
        placeholder="Go to a release, train, flag or page, or run an action…"
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul ref={list} id={ids.list} className="palette-list" role="listbox" aria-label="Commands">
        {shown.map((c, i) => {
          const header = c.group !== lastGroup ? c.group : null;
          lastGroup = c.group;
          return (
            <li
              key={c.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={`palette-option${i === current ? ' palette-active' : ''}${header ? ' palette-first' : ''}`}
              data-group={header ?? undefined}
              data-testid="palette-option"
              onMouseMove={() => {
                if (i !== current) setActive(i);
              }}
              onClick={() => run(c)}
            >
              <span className="palette-label">
                {c.label}
                <span className="palette-detail"> {c.detail}</span>
              </span>
              <span className="palette-meta">
                {/* The group is heard with each option; on screen its heading says it once. */}
                <span className="visually-hidden">{c.group}</span>
                {c.shortcut ? (
                  <span className="palette-shortcut" aria-label={`shortcut ${c.shortcut.split(' ').join(' then ')}`}>
                    {c.shortcut.split(' ').map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 ? <p className="palette-empty">Nothing matches “{query}”.</p> : null}
      <p id={ids.count} className="palette-foot" aria-live="polite">
        <span>{shown.length === 1 ? '1 result' : `${shown.length} results`}</span>
        <span aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>Enter</kbd> run · <kbd>Esc</kbd> close · <kbd>G</kbd> then a letter: go to a page
        </span>
      </p>
    </ModalDialog>
  );
}
