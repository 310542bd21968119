import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatMs, nodeRunAt, useRun, useWorkflow, type NodeRunStatus } from '../../state';
import { NEW_INPUT, portTop, type CanvasNode } from './canvas-model';
import { summarize } from './node-summary';
import { useCurrentRunId } from './use-current-run';

const STATUS_ICON: Record<NodeRunStatus, string> = { pending: '○', running: '◐', done: '✓', failed: '✗', skipped: '–', cached: '●' };

/** One node on the canvas: id, type, config summary, ports, problems, and its run state in words. */
export const WorkflowNodeView = memo(function WorkflowNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const { node, ports, problems, prefix } = data;
  const runId = useCurrentRunId();
  const state = useWorkflow((s) => nodeRunAt(s.runs[runId ?? ''], prefix, id));
  const live = useRun((s) => s.view.runId === runId && (s.view.status === 'running' || s.view.status === 'starting'));
  const status: NodeRunStatus | undefined = state?.status ?? (runId && live ? 'pending' : undefined);
  const summary = summarize(node);
  const inputs = ports.inputs;
  const open = ports.openInputs;
  return (
    <div className={`wf-node wf-type-${node.type}${selected ? ' selected' : ''}${problems.length ? ' has-problems' : ''}${status ? ` status-${status}` : ''}`}>
      <div className="wf-node-head">
        <span className="wf-node-id">{node.name ?? node.id}</span>
        <span className="wf-node-type">{node.type}</span>
      </div>
      {/* Zoomed far out the canvas hides the summary and port names by a class (ZoomDetail), not here:
          a zoom-dependent render would subscribe every card to each pan and zoom frame. */}
      <div className="wf-node-summary" title={summary}>
        {summary || <span className="muted">{node.name ? node.id : ' '}</span>}
      </div>
      {status && (
        <div className="wf-node-status" aria-label={`status: ${status}`}>
          <span aria-hidden="true">{STATUS_ICON[status]}</span> {status}
          {state?.durationMs !== undefined && status !== 'running' ? ` · ${formatMs(state.durationMs)}` : ''}
          {state?.tokens ? ` · ${state.tokens.total} tokens` : ''}
          {state?.attempt && state.attempt > 1 ? ` · attempt ${state.attempt}` : ''}
        </div>
      )}
      {status === 'failed' && state?.error && <div className="wf-node-error">{state.error.message}</div>}
      {problems.length > 0 && (
        <div className="wf-node-problems" title={problems.join('\n')}>
          ⚠ {problems.length} problem{problems.length === 1 ? '' : 's'}
        </div>
      )}
      {inputs.map((p, i) => (
        <Handle key={`in-${p.name}`} id={p.name} type="target" position={Position.Left} style={{ top: portTop(i) }} className={p.required ? 'wf-port required' : 'wf-port'} title={`${p.name}: ${p.type}${p.description ? ` — ${p.description}` : ''}`}>
          <span className="wf-port-label left">{p.name}</span>
        </Handle>
      ))}
      {open && (
        <Handle id={NEW_INPUT} type="target" position={Position.Left} style={{ top: portTop(inputs.length) }} className="wf-port new" title="Connect here to add an input named after the source">
          <span className="wf-port-label left">+</span>
        </Handle>
      )}
      {ports.outputs.map((p, i) => (
        <Handle key={`out-${p.name}`} id={p.name} type="source" position={Position.Right} style={{ top: portTop(i) }} className="wf-port" title={`${p.name}: ${p.type}${p.description ? ` — ${p.description}` : ''}`}>
          <span className="wf-port-label right">{p.name}</span>
        </Handle>
      ))}
    </div>
  );
});
