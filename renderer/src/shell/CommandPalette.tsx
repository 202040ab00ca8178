import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';

export interface Command {
  id: string;
  title: string;
  run(): void;
}

/** Every word typed must appear in the title, in any order: "ws open" finds "Workspace: Open…". */
export function matchCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => words.every((word) => command.title.toLowerCase().includes(word)));
}

export function CommandPalette({ commands, onClose }: { commands: readonly Command[]; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => matchCommands(commands, query), [commands, query]);

  useEffect(() => input.current?.focus(), []);

  const runAt = (index: number): void => {
    const command = matches[index];
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowDown') setSelected((i) => Math.min(matches.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setSelected((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter') runAt(selected);
    else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(event) => event.stopPropagation()}>
        <input
          ref={input}
          className="palette-input"
          placeholder="Type a command"
          aria-label="Command"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setSelected(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" role="listbox">
          {matches.map((command, index) => (
            <li
              key={command.id}
              role="option"
              aria-selected={index === selected}
              className="palette-item"
              onMouseEnter={() => setSelected(index)}
              onClick={() => runAt(index)}
            >
              {command.title}
            </li>
          ))}
          {matches.length === 0 && <li className="palette-empty">No command matches.</li>}
        </ul>
      </div>
    </div>
  );
}
