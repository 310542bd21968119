import { useMemo } from 'react';
import { nodeDescription } from '../../../runtime/contract/workflow-nodes';
import { commands, downstreamOf, nodeRunAt, selectRunning, useRun, useWorkflow, type GraphView } from '../../state';
import { formFields } from './config-schema';
import { ConfigField } from './ConfigField';
import { NodeRunDetails } from './NodeRunDetails';
import { useCurrentRunId } from './use-current-run';

const POLICIES = ['stop', 'continue', 'fallback'];

/** The "Node settings" panel: the selected node's own fields, its config form, and its last run. */
export function Inspector({ graph, enterBody }: { graph: GraphView; enterBody(nodeId: string, key: string): void }) {
  const selected = useWorkflow((s) => (s.selected.length === 1 ? s.selected[0] : undefined));
  const count = useWorkflow((s) => s.selected.length);
  const prefix = useWorkflow((s) => s.prefix());
  const runId = useCurrentRunId();
  const node = graph.nodes.find((n) => n.id === selected);
  const run = useWorkflow((s) => (node ? nodeRunAt(s.runs[runId ?? ''], prefix, node.id) : undefined));
  const running = useRun(selectRunning);
  const names = useMemo(() => {
    if (!node) return [];
    const ports = graph.edges.filter((e) => e.target === node.id).map((e) => e.targetPort);
    return [...new Set([...ports, ...graph.inputs.map((i) => i.name), ...upstreamCandidates(graph, node.id)])];
  }, [graph, node]);

  if (!node) {
    // Nothing to set: the canvas gets the room (the panel comes back with the next selection).
    if (count === 0) return null;
    return (
      <aside className="wf-inspector" aria-label="Node settings">
        <h3 className="wf-panel-title">Node settings</h3>
        <p className="muted">{count} nodes selected. Delete, copy, duplicate or move them together.</p>
      </aside>
    );
  }
  const description = nodeDescription(node.type);
  const { setConfig, setField } = useWorkflow.getState();
  const connected = new Set(graph.edges.filter((e) => e.target === node.id).map((e) => e.targetPort));
  // Picking an upstream node's id that feeds no port of that name yet connects it.
  const pick = (name: string) => {
    if (connected.has(name) || graph.inputs.some((i) => i.name === name) || !graph.nodes.some((n) => n.id === name)) return;
    useWorkflow.getState().connect(name, `${node.id}.${name}`);
  };
  return (
    <aside className="wf-inspector" aria-label="Node settings">
      <h3 className="wf-panel-title">
        Node settings <span className="muted">· {description?.title ?? node.type}</span>
      </h3>
      {description && <p className="wf-help">{description.description}</p>}
      <div className="wf-field">
        <label className="wf-field-label" htmlFor="wf-node-id">
          id
        </label>
        <input
          key={node.id}
          id="wf-node-id"
          className="input"
          defaultValue={node.id}
          onBlur={(e) => e.target.value !== node.id && e.target.value && setField(node.id, 'id', e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      </div>
      {formFields(node.type).map((field) => (
        <ConfigField
          key={`${node.id}.${field.name}`}
          field={field}
          value={node.config[field.name]}
          names={names}
          onChange={(value) => setConfig(node.id, [field.name], value)}
          onPickName={pick}
          onOpenBody={(key) => enterBody(node.id, key)}
        />
      ))}
      <details className="wf-more">
        <summary>Run options</summary>
        <div className="wf-field">
          <label className="wf-field-label" htmlFor="wf-on-error">
            on_error
          </label>
          <select id="wf-on-error" className="input" value={node.onError ?? ''} onChange={(e) => setField(node.id, 'on_error', e.target.value || undefined)}>
            <option value="">(stop)</option>
            {POLICIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
      </details>
      {prefix === '' && (
        <button type="button" className="button small" disabled={running} onClick={() => void commands.runSpell(node.id)} title="Re-run this node and everything after it, with cached results before it">
          Run from here
        </button>
      )}
      {run && <NodeRunDetails run={run} />}
    </aside>
  );
}

/** Nodes a template here could read once connected: every node not downstream of this one. */
function upstreamCandidates(graph: GraphView, id: string): string[] {
  const down = downstreamOf(graph, id);
  return graph.nodes.filter((n) => n.id !== id && !down.has(n.id)).map((n) => n.id);
}
