import { useEffect, useState } from 'react';
import type { StudioOutput } from '../../../runtime/contract/studio-api';
import { client, useUi } from '../../state';
import { Dialog } from '../layout/Dialog';
import { parseMarkdown, type Block, type Inline } from './markdown';
import './help.css';

type Doc = StudioOutput<'docs.list'>[number];

/** The docs shipped with llmspell: a list of pages and the selected page, rendered. */
export function HelpDialog() {
  const close = useUi((s) => s.closeDialog);
  const [pages, setPages] = useState<Doc[]>([]);
  const [page, setPage] = useState<{ name: string; blocks: Block[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async (name: string) => {
    try {
      const doc = await client.call('docs.read', { name });
      setPage({ name: doc.name, blocks: parseMarkdown(doc.markdown) });
      document.getElementById('help-page')?.scrollTo?.(0, 0);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    void client.call('docs.list', {}).then((list) => {
      setPages(list);
      if (list[0]) void open(list[0].name);
    }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <Dialog title="Help" onClose={close} wide>
      <div className="help">
        <nav aria-label="Docs pages" className="help-pages">
          <ul>
            {pages.map((p) => (
              <li key={p.name}>
                <button type="button" aria-current={p.name === page?.name ? 'page' : undefined} onClick={() => void open(p.name)}>
                  {p.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <article id="help-page" className="help-page" aria-label="Docs page">
          {error ? <p role="alert">{error}</p> : null}
          {page?.blocks.map((block, i) => <BlockView key={i} block={block} open={open} />)}
        </article>
      </div>
    </Dialog>
  );
}

function BlockView({ block, open }: { block: Block; open: (name: string) => Promise<void> }) {
  const inline = (spans: Inline[]) => <Spans spans={spans} open={open} />;
  switch (block.kind) {
    case 'heading': {
      const Tag = (['h2', 'h3', 'h4', 'h5'] as const)[block.level - 1]!;
      return <Tag>{inline(block.text)}</Tag>;
    }
    case 'paragraph':
      return <p>{inline(block.text)}</p>;
    case 'code':
      return (
        <pre className="help-code">
          <code>{block.code}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{inline(item)}</li>);
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="help-table">
          <table>
            <thead>
              <tr>{block.header.map((c, i) => <th key={i}>{inline(c)}</th>)}</tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>{row.map((c, i) => <td key={i}>{inline(c)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function Spans({ spans, open }: { spans: Inline[]; open: (name: string) => Promise<void> }) {
  return (
    <>
      {spans.map((s, i) => {
        if (s.kind === 'code') return <code key={i}>{s.text}</code>;
        if (s.kind === 'bold') return <strong key={i}>{s.text}</strong>;
        if (s.kind !== 'link') return <span key={i}>{s.text}</span>;
        const page = /^((?:README|[a-z0-9][a-z0-9._-]*)\.md)(#.*)?$/.exec(s.href);
        if (page) {
          return (
            <a key={i} href={`#${page[1]}`} onClick={(e) => (e.preventDefault(), void open(page[1]!))}>
              {s.text}
            </a>
          );
        }
        // Only web links leave the studio (in a new window); other targets (repository paths) are plain text.
        if (/^https?:\/\//.test(s.href)) {
          return (
            <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
              {s.text}
            </a>
          );
        }
        return <span key={i}>{s.text}</span>;
      })}
    </>
  );
}
