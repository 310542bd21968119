import type { PinnedProblems } from './canvas-model';

/** The validator's problems as a list; clicking one selects its node (or edge). */
export function ProblemsList({ problems, onPick }: { problems: PinnedProblems['all']; onPick(problem: PinnedProblems['all'][number]): void }) {
  return (
    <section className="wf-problems" aria-label="Problems">
      <h4 className="wf-panel-title">{problems.length === 0 ? 'No problems: llmspell validate accepts this workflow.' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}</h4>
      {problems.length > 0 && (
        <ul className="wf-problem-list">
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" className="wf-problem" onClick={() => onPick(p)}>
                <span className="wf-problem-where">{p.nodeId ? `${p.nodeId} · ` : ''}line {p.line}</span> {p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
