/** Double click on a spell or workflow node: open the file it runs, when the library has it. */
import { commands, useEditor, useLibrary, useWorkflow, type GraphNode } from '../../state';

/** `a/b/../c` → `a/c`. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Opens what `node` runs (a nested workflow file, or a spell by path or name). */
export async function openReferencedFile(node: GraphNode): Promise<void> {
  const here = useEditor.getState().spell?.path;
  const ref = node.type === 'workflow' ? node.config.workflow : node.type === 'spell' ? node.config.spell : undefined;
  if (!here || typeof ref !== 'string' || !ref) return;
  const spells = useLibrary.getState().spells;
  const dir = here.slice(0, here.lastIndexOf('/'));
  const wanted = ref.startsWith('/') ? normalise(ref) : normalise(`${dir}/${ref}`);
  const found = spells.find((s) => s.path === wanted || s.path === wanted.replace(/\/(main\.(lua|js)|spell\.yaml)$/, '')) ?? (node.type === 'spell' ? spells.find((s) => s.name === ref) : undefined);
  if (!found) return useWorkflow.getState().notify(`${ref} is not in the library, so it cannot be opened here.`);
  await commands.openSpell(found.path);
}
