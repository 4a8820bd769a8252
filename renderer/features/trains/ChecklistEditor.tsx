import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { InputIssue } from '../../../shared/result.ts';
import { FieldError, invalidProps } from '../../ui/FieldError.tsx';
import { issueAt } from './trainFormInput.ts';
import { addChecklistItem, editChecklistItem, newItemProblem, removeChecklistItem, updatePhase, type TrainFormState } from './trainFormState.ts';

interface Props {
  form: TrainFormState;
  index: number;
  label: string;
  issues: readonly InputIssue[];
  update: (f: (s: TrainFormState) => TrainFormState) => void;
}

/** A phase's checklist: each item editable and removable; Enter in the last box adds what was typed. */
export function ChecklistEditor({ form, index, label, issues, update }: Props) {
  const phase = form.phases[index]!;
  const ids = { add: useId(), addError: useId(), itemError: useId() };
  const addBox = useRef<HTMLInputElement>(null);
  const [addProblem, setAddProblem] = useState<string | null>(null);
  const path = `phases.${index}`;
  const add = () => {
    const problem = newItemProblem(phase);
    setAddProblem(problem);
    if (!problem) update((s) => addChecklistItem(s, index));
    addBox.current?.focus();
  };
  const onAddKey = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter here adds the item; it would otherwise send the whole form.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };
  const addMessage = addProblem ?? issueAt(issues, `${path}.newItem`) ?? issueAt(issues, `${path}.checklist`);
  return (
    <div className="checklist-editor" role="group" aria-label={`${label} checklist`}>
      {phase.checklist.length > 0 ? (
        <ol className="checklist-items">
          {phase.checklist.map((item, j) => {
            const problem = issueAt(issues, `${path}.checklist.${j}`);
            const errorId = `${ids.itemError}-${item.key}`;
            return (
              <li key={item.key}>
                <div className="checklist-item">
                  <input
                    className="input"
                    value={item.text}
                    maxLength={120}
                    aria-label={`${label} item ${j + 1}`}
                    {...invalidProps(problem, errorId)}
                    onChange={(e) => update((s) => editChecklistItem(s, index, item.key, e.target.value))}
                  />
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Remove “${item.text}” from the ${label} checklist`}
                    onClick={() => {
                      update((s) => removeChecklistItem(s, index, item.key));
                      addBox.current?.focus();
                    }}
                  >
                    Remove
                  </button>
                </div>
                <FieldError id={errorId} message={problem} />
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="field-hint">No checklist items.</p>
      )}
      <div className="checklist-item">
        <label className="visually-hidden" htmlFor={ids.add}>
          Add to the {label} checklist
        </label>
        <input
          id={ids.add}
          ref={addBox}
          className="input"
          value={phase.newItem}
          maxLength={120}
          placeholder="New item"
          {...invalidProps(addMessage, ids.addError)}
          onChange={(e) => {
            setAddProblem(null);
            update((s) => updatePhase(s, index, { newItem: e.target.value }));
          }}
          onKeyDown={onAddKey}
        />
        <button type="button" className="button small" aria-label={`Add item to the ${label} checklist`} onClick={add}>
          Add item
        </button>
      </div>
      <FieldError id={ids.addError} message={addMessage} />
    </div>
  );
}
